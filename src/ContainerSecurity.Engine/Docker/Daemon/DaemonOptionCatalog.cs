namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// The options dockerd 20.10 on Linux accepts (`dockerd --help` plus the hidden, deprecated ones it still parses), with
/// their defaults. dockerd rejects a daemon.json key that is not one of these, so this table is also how unknown keys
/// are reported the way dockerd would.
/// </summary>
internal static class DaemonOptionCatalog
{
    private static readonly DaemonOption[] s_options =
    [
        new("runtimes", "add-runtime", DaemonOptionKind.Map),
        new("allow-nondistributable-artifacts", "allow-nondistributable-artifacts", DaemonOptionKind.List),
        new("api-cors-header", "api-cors-header", DaemonOptionKind.Text),
        new("authorization-plugins", "authorization-plugin", DaemonOptionKind.List),
        new("bip", "bip", DaemonOptionKind.Text),
        new("bridge", "bridge", DaemonOptionKind.Text, Shorthand: 'b'),
        new("cgroup-parent", "cgroup-parent", DaemonOptionKind.Text),
        new("config-file", "config-file", DaemonOptionKind.Text, DaemonConfigFile.DefaultPath),
        new("containerd", "containerd", DaemonOptionKind.Text),
        new("containerd-namespace", "containerd-namespace", DaemonOptionKind.Text, "moby"),
        new("containerd-plugins-namespace", "containerd-plugins-namespace", DaemonOptionKind.Text, "plugins.moby"),
        new("cpu-rt-period", "cpu-rt-period", DaemonOptionKind.Text),
        new("cpu-rt-runtime", "cpu-rt-runtime", DaemonOptionKind.Text),
        new("cri-containerd", "cri-containerd", DaemonOptionKind.Bool, "false"),
        new("data-root", "data-root", DaemonOptionKind.Text, "/var/lib/docker"),
        new("debug", "debug", DaemonOptionKind.Bool, "false", 'D'),
        new("default-address-pools", "default-address-pool", DaemonOptionKind.List),
        new("default-cgroupns-mode", "default-cgroupns-mode", DaemonOptionKind.Text, "host"),
        new("default-gateway", "default-gateway", DaemonOptionKind.Text),
        new("default-gateway-v6", "default-gateway-v6", DaemonOptionKind.Text),
        new("default-ipc-mode", "default-ipc-mode", DaemonOptionKind.Text, "private"),
        new("default-runtime", "default-runtime", DaemonOptionKind.Text, "runc"),
        new("default-shm-size", "default-shm-size", DaemonOptionKind.Text, "64MiB"),
        new("default-ulimits", "default-ulimit", DaemonOptionKind.Map),
        new("dns", "dns", DaemonOptionKind.List),
        new("dns-opts", "dns-opt", DaemonOptionKind.List),
        new("dns-search", "dns-search", DaemonOptionKind.List),
        new("exec-opts", "exec-opt", DaemonOptionKind.List),
        new("exec-root", "exec-root", DaemonOptionKind.Text, "/var/run/docker"),
        new("experimental", "experimental", DaemonOptionKind.Bool, "false"),
        new("fixed-cidr", "fixed-cidr", DaemonOptionKind.Text),
        new("fixed-cidr-v6", "fixed-cidr-v6", DaemonOptionKind.Text),
        new("group", "group", DaemonOptionKind.Text, "docker", 'G'),
        new("hosts", "host", DaemonOptionKind.List, Shorthand: 'H'),
        new("host-gateway-ip", "host-gateway-ip", DaemonOptionKind.Text),
        new("icc", "icc", DaemonOptionKind.Bool, "true"),
        new("init", "init", DaemonOptionKind.Bool, "false"),
        new("init-path", "init-path", DaemonOptionKind.Text),
        new("insecure-registries", "insecure-registry", DaemonOptionKind.List),
        new("ip", "ip", DaemonOptionKind.Text, "0.0.0.0"),
        new("ip-forward", "ip-forward", DaemonOptionKind.Bool, "true"),
        new("ip-masq", "ip-masq", DaemonOptionKind.Bool, "true"),
        new("ip6tables", "ip6tables", DaemonOptionKind.Bool, "false"),
        new("iptables", "iptables", DaemonOptionKind.Bool, "true"),
        new("ipv6", "ipv6", DaemonOptionKind.Bool, "false"),
        new("labels", "label", DaemonOptionKind.List),
        new("live-restore", "live-restore", DaemonOptionKind.Bool, "false"),
        new("log-driver", "log-driver", DaemonOptionKind.Text, "json-file"),
        new("log-level", "log-level", DaemonOptionKind.Text, "info", 'l'),
        new("log-opts", "log-opt", DaemonOptionKind.Map),
        new("max-concurrent-downloads", "max-concurrent-downloads", DaemonOptionKind.Text, "3"),
        new("max-concurrent-uploads", "max-concurrent-uploads", DaemonOptionKind.Text, "5"),
        new("max-download-attempts", "max-download-attempts", DaemonOptionKind.Text, "5"),
        new("metrics-addr", "metrics-addr", DaemonOptionKind.Text),
        new("mtu", "mtu", DaemonOptionKind.Text),
        new("network-control-plane-mtu", "network-control-plane-mtu", DaemonOptionKind.Text, "1500"),
        new("no-new-privileges", "no-new-privileges", DaemonOptionKind.Bool, "false"),
        new("node-generic-resources", "node-generic-resource", DaemonOptionKind.List),
        new("oom-score-adjust", "oom-score-adjust", DaemonOptionKind.Text),
        new("pidfile", "pidfile", DaemonOptionKind.Text, "/var/run/docker.pid", 'p'),
        new("raw-logs", "raw-logs", DaemonOptionKind.Bool, "false"),
        new("registry-mirrors", "registry-mirror", DaemonOptionKind.List),
        new("rootless", "rootless", DaemonOptionKind.Bool, "false"),
        new("seccomp-profile", "seccomp-profile", DaemonOptionKind.Text),
        new("selinux-enabled", "selinux-enabled", DaemonOptionKind.Bool, "false"),
        new("shutdown-timeout", "shutdown-timeout", DaemonOptionKind.Text, "15"),
        new("storage-driver", "storage-driver", DaemonOptionKind.Text, Shorthand: 's'),
        new("storage-opts", "storage-opt", DaemonOptionKind.List),
        new("swarm-default-advertise-addr", "swarm-default-advertise-addr", DaemonOptionKind.Text),
        new("tls", "tls", DaemonOptionKind.Bool, "false"),
        new("tlscacert", "tlscacert", DaemonOptionKind.Text, "/root/.docker/ca.pem"),
        new("tlscert", "tlscert", DaemonOptionKind.Text, "/root/.docker/cert.pem"),
        new("tlskey", "tlskey", DaemonOptionKind.Text, "/root/.docker/key.pem"),
        new("tlsverify", "tlsverify", DaemonOptionKind.Bool, "false"),
        new("userland-proxy", "userland-proxy", DaemonOptionKind.Bool, "true"),
        new("userland-proxy-path", "userland-proxy-path", DaemonOptionKind.Text),
        new("userns-remap", "userns-remap", DaemonOptionKind.Text),

        // Hidden but still parsed by 20.10: deprecated options that old unit files and daemon.json files carry.
        new("graph", "graph", DaemonOptionKind.Text, Shorthand: 'g'),
        new("cluster-store", "cluster-store", DaemonOptionKind.Text),
        new("cluster-advertise", "cluster-advertise", DaemonOptionKind.Text),
        new("cluster-store-opts", "cluster-store-opt", DaemonOptionKind.Map),
        new("network-diagnostic-port", "network-diagnostic-port", DaemonOptionKind.Text),
    ];

    /// <summary>Keys dockerd accepts in daemon.json without a flag of that name.</summary>
    private static readonly HashSet<string> s_fileOnlyKeys = new(StringComparer.Ordinal) { "features", "builder", "deprecated-key-path" };

    private static readonly Dictionary<string, DaemonOption> s_byKey = s_options.ToDictionary(o => o.Key, StringComparer.Ordinal);
    private static readonly Dictionary<string, DaemonOption> s_byFlag = s_options.ToDictionary(o => o.Flag, StringComparer.Ordinal);
    private static readonly Dictionary<char, DaemonOption> s_byShorthand = s_options.Where(o => o.Shorthand is not null).ToDictionary(o => o.Shorthand!.Value);

    public static IReadOnlyList<DaemonOption> All => s_options;

    /// <summary>The option a daemon.json key sets.</summary>
    public static DaemonOption? ByKey(string key) => s_byKey.GetValueOrDefault(key);

    public static DaemonOption? ByFlag(string flag) => s_byFlag.GetValueOrDefault(flag);

    public static DaemonOption? ByShorthand(char shorthand) => s_byShorthand.GetValueOrDefault(shorthand);

    /// <summary>
    /// Whether dockerd accepts the key in its configuration file. It validates keys against flag names as well, so a
    /// singular flag name such as <c>insecure-registry</c> passes validation, though nothing reads it.
    /// </summary>
    public static bool IsKnownFileKey(string key) => s_byKey.ContainsKey(key) || s_byFlag.ContainsKey(key) || s_fileOnlyKeys.Contains(key);

    /// <summary>Keys whose JSON object value is kept whole; any other object is flattened into its keys, as dockerd does.</summary>
    public static bool IsFlatObjectKey(string key) =>
        key is "cluster-store-opts" or "log-opts" or "runtimes" or "default-ulimits" or "features" or "builder";
}
