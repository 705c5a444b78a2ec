namespace ContainerSecurity;

/// <summary>Which layer of the Docker daemon's configuration decided a setting's effective value.</summary>
/// <remarks>Ordered by precedence: a later layer overrides an earlier one.</remarks>
public enum DaemonSettingSource
{
    /// <summary>Not set anywhere: dockerd's built-in default applies.</summary>
    Default,
    /// <summary>The daemon configuration file (daemon.json or the file given with --config-file).</summary>
    ConfigFile,
    /// <summary>The dockerd command line (flags).</summary>
    CommandLine,
    /// <summary>What the running daemon reports through its API (GET /info, GET /networks/bridge, GET /version).</summary>
    LiveDaemon,
}
