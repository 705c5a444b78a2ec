namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>What to audit: a configuration file and flags offline, a host tree under a root, and/or a live daemon.</summary>
public sealed record DaemonAuditOptions
{
    /// <summary>A daemon.json to audit instead of the daemon's own (a local path, not under <see cref="Root"/>).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>dockerd flags to audit instead of a running daemon's command line; each item may hold several words.</summary>
    public IReadOnlyList<string>? DaemonArguments { get; init; }

    /// <summary>The directory that is the audited host's <c>/</c>; host files and the default daemon.json resolve under it.</summary>
    public string Root { get; init; } = "/";

    /// <summary>
    /// Whether the host's files (section 3, /etc/group, /etc/environment) are under <see cref="Root"/>. False for a
    /// remote daemon audited without a root: this machine's files say nothing about that host.
    /// </summary>
    public bool AuditHostFiles { get; init; } = true;

    /// <summary>The running daemon to ask; null for an offline audit.</summary>
    public ILiveDaemonQuery? Live { get; init; }

    /// <summary>Where running processes are listed, to read a local daemon's command line.</summary>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>Accounts allowed to be in the docker group; null when none were named.</summary>
    public IReadOnlyList<string>? TrustedUsers { get; init; }

    /// <summary>The environment of the session running docker on the audited host (for DOCKER_CONTENT_TRUST); null to ignore it.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>Which rules to evaluate (by id); null for all.</summary>
    public Func<string, bool>? IncludeRule { get; init; }
}
