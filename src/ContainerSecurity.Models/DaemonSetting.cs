namespace ContainerSecurity;

/// <summary>
/// One setting of the Docker daemon's effective configuration, with the layer that decided it: dockerd's default,
/// daemon.json, the dockerd command line, or what the live daemon reports. <c>Get-DockerDaemonConfig</c> writes these.
/// </summary>
public sealed class DaemonSetting
{
    /// <summary>The daemon.json key, for example <c>icc</c> or <c>log-level</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The effective value as dockerd would print it (lists joined with ", "); null when unset and without a default.</summary>
    public string? Value { get; init; }

    /// <summary>The layer that decided <see cref="Value"/>.</summary>
    public required DaemonSettingSource Source { get; init; }

    /// <summary>Where exactly: <c>/etc/docker/daemon.json:3:5</c>, <c>--icc=false</c>, <c>GET /networks/bridge</c>, <c>dockerd default</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>dockerd's built-in default for the setting, when it has one.</summary>
    public string? Default { get; init; }

    /// <summary>Whether the effective value is dockerd's default (nothing overrides it).</summary>
    public bool IsDefault => Source == DaemonSettingSource.Default;

    /// <summary>The dockerd command-line flag for the setting, for example <c>--icc</c>.</summary>
    public string? Flag { get; init; }

    /// <summary>Set when the key is given both as a flag and in the configuration file, which makes dockerd refuse to start.</summary>
    public string? Conflict { get; init; }

    /// <summary>The daemon the configuration belongs to: its endpoint, or the configuration file audited offline.</summary>
    public string? Host { get; init; }

    /// <summary>The provenance in one phrase, for example <c>icc: not set → default true</c>.</summary>
    public string Provenance => Source switch
    {
        DaemonSettingSource.Default => Value is null ? $"{Name}: not set" : $"{Name}: not set → default {Value}",
        _ => $"{Name}: {Value} (from {Origin})",
    };

    /// <inheritdoc/>
    public override string ToString() => Provenance;
}
