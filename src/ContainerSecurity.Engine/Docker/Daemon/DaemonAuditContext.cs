using ContainerSecurity.Engine.Docker.HostFiles;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>Everything a daemon or host-file check may look at.</summary>
internal sealed class DaemonAuditContext
{
    private readonly Lazy<HostAccounts> _accounts;
    private readonly Dictionary<string, UnixFileStatus> _statuses = new(StringComparer.Ordinal);

    public DaemonAuditContext(EffectiveDaemonConfig config, HostRoot root, IReadOnlyList<string>? trustedUsers, Func<string, string?>? environment)
    {
        Config = config;
        Root = root;
        TrustedUsers = trustedUsers;
        Environment = environment;
        _accounts = new Lazy<HostAccounts>(() => HostAccounts.Read(root));
    }

    public EffectiveDaemonConfig Config { get; }

    /// <summary>The daemon configuration file: the -Path given, or the daemon's --config-file or default under the root.</summary>
    public AuditedFile? ConfigFile { get; init; }

    public HostRoot Root { get; }

    public HostAccounts Accounts => _accounts.Value;

    /// <summary>Accounts allowed to control the daemon; null when the caller named none.</summary>
    public IReadOnlyList<string>? TrustedUsers { get; }

    /// <summary>The environment of the session that runs Docker commands on the audited host; null when auditing a mounted tree.</summary>
    public Func<string, string?>? Environment { get; }

    /// <summary>
    /// The status of a local file, read once per audit: the ownership and the permission check of a file share it.
    /// Failures are not cached, so each check reports its own.
    /// </summary>
    public UnixFileStatus Status(string localPath)
    {
        if (!_statuses.TryGetValue(localPath, out var status))
        {
            status = UnixFileStatus.Read(localPath);
            _statuses[localPath] = status;
        }

        return status;
    }

    /// <summary>A target on the audited daemon, pointing into the configuration file when the setting is written there.</summary>
    public FindingTarget Target(MergedSetting? setting = null) => new()
    {
        Host = Config.Host,
        Kind = "DockerDaemon",
        File = setting?.File,
        Line = setting?.Line,
        Column = setting?.Column,
        FieldPath = setting?.Key,
    };

    /// <summary>A target that is a file of the audited host.</summary>
    public FindingTarget FileTarget(string hostPath) => new()
    {
        Host = Config.Host,
        Kind = "HostFile",
        File = Root.IsSystemRoot ? hostPath : Path.Join(Root.Root, hostPath),
    };
}
