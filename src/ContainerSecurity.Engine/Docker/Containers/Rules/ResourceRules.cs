using System.Globalization;

namespace ContainerSecurity.Engine.Docker.Containers.Rules;

/// <summary>
/// Resource controls: memory (DC011), CPU (DC012), restart policy (DC015), ulimits (DC019), cgroup parent (DC024),
/// PIDs (DC027).
/// </summary>
internal static class ResourceRules
{
    public static IEnumerable<ContainerRule> Rules =>
    [
        new("DC011", Memory),
        new("DC012", Cpu),
        new("DC015", Restart),
        new("DC019", Ulimits),
        new("DC024", CgroupParent),
        new("DC027", Pids),
    ];

    private static IEnumerable<CheckResult> Memory(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var memory = c.HostConfig.Long("Memory") ?? 0;
        yield return memory > 0
            ? rule.Pass($"Container '{c.Name}' is limited to {Bytes(memory)} of memory.", $"Memory={memory}", "a memory limit (--memory)", "HostConfig.Memory")
            : rule.Fail($"Container '{c.Name}' has no memory limit and can exhaust the host's memory.", "Memory=0", "a memory limit (--memory)", "HostConfig.Memory");
    }

    private static IEnumerable<CheckResult> Cpu(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var shares = c.HostConfig.Long("CpuShares") ?? 0;
        var nano = c.HostConfig.Long("NanoCpus") ?? 0;
        var quota = c.HostConfig.Long("CpuQuota") ?? 0;
        var observed = $"CpuShares={shares} NanoCpus={nano} CpuQuota={quota}";
        yield return shares == 0 && nano == 0 && quota == 0
            ? rule.Fail($"Container '{c.Name}' has neither CPU shares nor a CPU limit.", observed, "--cpu-shares or --cpus", "HostConfig.CpuShares")
            : rule.Pass($"Container '{c.Name}' has CPU controls.", observed, "--cpu-shares or --cpus", "HostConfig.CpuShares");
    }

    private static IEnumerable<CheckResult> Restart(ContainerSubject subject, ContainerRule rule)
    {
        const string field = "HostConfig.RestartPolicy";
        var c = subject.Container;
        var policy = c.HostConfig.Member("RestartPolicy") ?? default;
        var name = policy.String("Name") ?? string.Empty;
        var retries = policy.Long("MaximumRetryCount") ?? 0;
        var observed = name.Length == 0 ? "no" : name == "on-failure" ? $"on-failure:{retries}" : name;
        const string expected = "on-failure with at most 5 retries, or no";
        if (name is "always" or "unless-stopped")
        {
            yield return rule.Fail($"Container '{c.Name}' restarts without end ({name}).", observed, expected, field);
        }
        else if (name == "on-failure" && (retries == 0 || retries > 5))
        {
            yield return rule.Fail($"Container '{c.Name}' restarts on failure {(retries == 0 ? "without a limit" : $"up to {retries} times")}.", observed, expected, field);
        }
        else
        {
            yield return rule.Pass($"Container '{c.Name}' has a bounded restart policy ({observed}).", observed, expected, field);
        }
    }

    private static IEnumerable<CheckResult> Ulimits(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var overrides = c.HostConfig.Objects("Ulimits")
            .Select(u => $"{u.String("Name")}={Limit(u.Long("Soft"))}:{Limit(u.Long("Hard"))}")
            .ToArray();
        if (overrides.Length == 0)
        {
            yield return rule.Pass($"Container '{c.Name}' keeps the daemon's default ulimits.", "(none)", "the daemon's default ulimits", "HostConfig.Ulimits");
        }
        else
        {
            yield return rule.Warn($"Container '{c.Name}' overrides ulimits ({string.Join(", ", overrides)}); confirm each is needed.", string.Join(" ", overrides), "the daemon's default ulimits", "HostConfig.Ulimits");
        }
    }

    private static IEnumerable<CheckResult> CgroupParent(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var parent = c.HostConfig.String("CgroupParent") ?? string.Empty;
        yield return parent.Length == 0
            ? rule.Pass($"Container '{c.Name}' uses the daemon's cgroup parent.", "(default)", "the default cgroup parent", "HostConfig.CgroupParent")
            : rule.Warn($"Container '{c.Name}' runs under the custom cgroup parent '{parent}'; confirm its limits apply.", parent, "the default cgroup parent", "HostConfig.CgroupParent");
    }

    private static IEnumerable<CheckResult> Pids(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var limit = c.HostConfig.Long("PidsLimit");
        yield return limit is > 0
            ? rule.Pass($"Container '{c.Name}' may have at most {limit} processes.", $"PidsLimit={limit}", "--pids-limit", "HostConfig.PidsLimit")
            : rule.Fail($"Container '{c.Name}' has no PIDs limit; a fork bomb in it exhausts the host's process table.", $"PidsLimit={(limit is null ? "(not set)" : limit.Value.ToString(CultureInfo.InvariantCulture))}", "--pids-limit", "HostConfig.PidsLimit");
    }

    private static string Limit(long? value) => value is null or -1 ? "unlimited" : value.Value.ToString(CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes >= 1 << 30
        ? $"{bytes / (double)(1 << 30):0.#} GiB"
        : $"{bytes / (double)(1 << 20):0.#} MiB";
}
