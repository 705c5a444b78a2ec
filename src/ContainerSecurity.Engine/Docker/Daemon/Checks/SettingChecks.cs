namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>The section 2 checks that judge a single setting (CIS Docker 1.6.0 numbering in the comments).</summary>
internal static class SettingChecks
{
    public static IEnumerable<IDaemonCheck> All()
    {
        // 2.2
        yield return Boolean("DD002", "icc", wanted: false,
            "inter-container traffic on the default bridge is blocked.",
            "containers on the default bridge can reach every port of each other.");

        // 2.4
        yield return Boolean("DD004", "iptables", wanted: true,
            "Docker maintains the isolation and NAT rules of its networks.",
            "Docker writes no iptables rules: network isolation between containers depends on hand-written rules.");

        // 2.5
        yield return new SettingCheck("DD005", "insecure-registries", "insecure-registries: (none)", "[]", s =>
            s.Value is null || s.Value.Items.Count == 0
                ? new(FindingStatus.Pass, "no registry is contacted without TLS verification.")
                : new(FindingStatus.Fail, $"images from {string.Join(", ", s.Value.Items)} are pulled without TLS verification."));

        // 2.8
        yield return new SettingCheck("DD008", "default-ulimits", "default-ulimits: set", "{ \"nofile\": { \"Name\": \"nofile\", \"Soft\": 1024, \"Hard\": 65536 } }", s =>
            s.Value is { IsEmpty: false }
                ? new(FindingStatus.Pass, $"containers get default limits ({string.Join(", ", s.Value.Entries.Keys)}); confirm they fit the workloads.")
                : new(FindingStatus.Warn, "containers inherit the daemon's own resource limits, which are often unlimited."));

        // 2.9
        yield return new SettingCheck("DD009", "userns-remap", "userns-remap: default (or a user)", "\"default\"", s =>
            s.Value is { IsEmpty: false }
                ? new(FindingStatus.Pass, "root in a container is an unprivileged user on the host.")
                : new(FindingStatus.Fail, "root in a container is root on the host."));

        // 2.10
        yield return new SettingCheck("DD010", "cgroup-parent", "cgroup-parent: (not set)", "\"\"", s =>
            s.Value is { IsEmpty: false }
                ? new(FindingStatus.Warn, $"containers are placed under the cgroup '{s.Value}'; confirm that this is intended and that it has its own limits.")
                : new(FindingStatus.Pass, "containers are placed under the default cgroup parent."),
            fixByRemoving: true);

        // 2.11
        yield return new SettingCheck("DD011", "storage-opts", "storage-opts: no dm.basesize", "[]", s =>
            s.Value?.Items.FirstOrDefault(o => o.StartsWith("dm.basesize", StringComparison.OrdinalIgnoreCase)) is { } basesize
                ? new(FindingStatus.Fail, $"the devicemapper base device size is changed ({basesize}).")
                : new(FindingStatus.Pass, "the base device size is not changed."),
            fixByRemoving: true);

        // 2.12
        yield return new SettingCheck("DD012", "authorization-plugins", "authorization-plugins: at least one", "[\"<your-authz-plugin>\"]", s =>
            s.Value is { Items.Count: > 0 }
                ? new(FindingStatus.Pass, $"API requests are authorized by {string.Join(", ", s.Value.Items)}.")
                : new(FindingStatus.Fail, "every client that reaches the API may make every call."));

        // 2.14
        yield return Boolean("DD014", "no-new-privileges", wanted: true,
            "containers cannot gain privileges through setuid binaries by default.",
            "containers may gain privileges through setuid binaries unless each opts out.");

        // 2.16
        yield return Boolean("DD016", "userland-proxy", wanted: false,
            "published ports are handled by iptables NAT, without docker-proxy processes.",
            "a docker-proxy process relays every published port.");

        // 2.18
        yield return Boolean("DD018", "experimental", wanted: false,
            "experimental features are off.",
            "experimental daemon features are enabled.");
    }

    private static SettingCheck Boolean(string ruleId, string key, bool wanted, string passText, string failText)
    {
        var json = wanted ? "true" : "false";
        return new SettingCheck(ruleId, key, $"{key}: {json}", json, s =>
            s.Value?.AsBool() == wanted ? new(FindingStatus.Pass, passText) : new(FindingStatus.Fail, failText));
    }
}
