namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// The daemon's configuration as it takes effect: dockerd's defaults, overridden by the configuration file, overridden
/// by command-line flags, overridden by what the running daemon reports. Each setting keeps the layer that decided it.
/// </summary>
internal sealed class EffectiveDaemonConfig
{
    private readonly Dictionary<string, MergedSetting> _settings;

    public EffectiveDaemonConfig(
        string host,
        DaemonConfigFile? file,
        DaemonCommandLine commandLine,
        LiveDaemonState? live,
        Dictionary<string, MergedSetting> settings,
        IReadOnlyList<DaemonConfigException> conflicts)
    {
        Host = host;
        File = file;
        CommandLine = commandLine;
        Live = live;
        _settings = settings;
        Conflicts = conflicts;
    }

    /// <summary>The audited daemon: its endpoint, or the configuration file in an offline audit.</summary>
    public string Host { get; }

    /// <summary>The configuration file that was read; null when none exists (dockerd then runs on defaults and flags).</summary>
    public DaemonConfigFile? File { get; }

    public DaemonCommandLine CommandLine { get; }

    /// <summary>The running daemon's own report; null offline or when it could not be reached.</summary>
    public LiveDaemonState? Live { get; }

    /// <summary>Keys set both as a flag and in the file: dockerd refuses to start.</summary>
    public IReadOnlyList<DaemonConfigException> Conflicts { get; }

    /// <summary>Every known option, set or defaulted.</summary>
    public IEnumerable<MergedSetting> Settings => DaemonOptionCatalog.All.Select(o => this[o.Key]);

    public MergedSetting this[string key] =>
        _settings.TryGetValue(key, out var setting)
            ? setting
            : DaemonConfigMerger.DefaultOf(DaemonOptionCatalog.ByKey(key) ?? throw new KeyNotFoundException($"'{key}' is not a dockerd option."));

    /// <summary>The unix and tcp addresses the daemon listens on (dockerd's default socket when no host is set).</summary>
    public IReadOnlyList<string> Hosts
    {
        get
        {
            var hosts = this["hosts"].Value?.Items ?? [];
            return hosts.Count > 0 ? hosts : [DaemonEndpoints.DefaultUnixHost];
        }
    }

    /// <summary>Whether the daemon serves TLS (tls or tlsverify; tlsverify implies tls).</summary>
    public bool UsesTls => this["tls"].IsTrue || this["tlsverify"].IsTrue;
}
