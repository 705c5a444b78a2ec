namespace ContainerSecurity.Engine.Docker.Containers.Rules;

/// <summary>Capabilities: NET_RAW kept (DC003), capabilities added (DC004), privileged mode (DC005).</summary>
internal static class CapabilityRules
{
    /// <summary>Docker's default capability set (moby's oci/caps/defaults.go).</summary>
    internal static readonly IReadOnlySet<string> DefaultCapabilities = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    private static readonly IReadOnlySet<string> s_escapeCapabilities = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "DAC_READ_SEARCH", "SYS_RAWIO", "BPF", "SYS_BOOT",
    };

    public static IEnumerable<ContainerRule> Rules =>
    [
        new("DC003", NetRaw),
        new("DC004", Added),
        new("DC005", Privileged),
    ];

    internal static string Name(string capability)
    {
        var upper = capability.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }

    private static IEnumerable<CheckResult> NetRaw(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var dropped = c.HostConfig.Strings("CapDrop").Select(Name).ToHashSet();
        var added = c.HostConfig.Strings("CapAdd").Select(Name).ToHashSet();
        var observed = $"CapDrop=[{string.Join(",", dropped)}] CapAdd=[{string.Join(",", added)}]";
        if (c.Privileged)
        {
            yield return rule.NotApplicable($"Container '{c.Name}' is privileged and holds every capability; DC005 reports it.", "Privileged=true", "HostConfig.Privileged");
        }
        else if (added.Contains("NET_RAW") || added.Contains("ALL"))
        {
            yield return rule.Fail($"Container '{c.Name}' adds NET_RAW back, so it can forge packets and sniff traffic on its network.", observed, "NET_RAW dropped and not added", "HostConfig.CapAdd");
        }
        else if (dropped.Contains("NET_RAW") || dropped.Contains("ALL"))
        {
            yield return rule.Pass($"Container '{c.Name}' drops NET_RAW.", observed, "NET_RAW dropped and not added", "HostConfig.CapDrop");
        }
        else
        {
            yield return rule.Fail($"Container '{c.Name}' keeps NET_RAW, so it can open raw sockets to forge packets (ARP/DNS spoofing) and sniff traffic.", observed, "--cap-drop NET_RAW (or ALL)", "HostConfig.CapDrop");
        }
    }

    private static IEnumerable<CheckResult> Added(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var beyond = c.HostConfig.Strings("CapAdd").Select(Name).Where(cap => !DefaultCapabilities.Contains(cap)).Distinct().ToArray();
        if (beyond.Length == 0)
        {
            yield return rule.Pass($"Container '{c.Name}' adds no capability beyond Docker's default set.", "(none)", "no capability beyond the default set", "HostConfig.CapAdd");
            yield break;
        }

        var critical = beyond.Where(s_escapeCapabilities.Contains).ToArray();
        yield return rule.Fail(
            $"Container '{c.Name}' adds {string.Join(", ", beyond)}{(critical.Length > 0 ? $"; {string.Join(", ", critical)} open well-known ways to escape to the host" : string.Empty)}.",
            string.Join(",", beyond),
            "no capability beyond the default set",
            "HostConfig.CapAdd",
            critical.Length > 0 ? Severity.Critical : null);
    }

    private static IEnumerable<CheckResult> Privileged(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        yield return c.Privileged
            ? rule.Fail($"Container '{c.Name}' runs privileged: every capability, every host device, no seccomp or LSM confinement.", "Privileged=true", "Privileged=false", "HostConfig.Privileged")
            : rule.Pass($"Container '{c.Name}' is not privileged.", "Privileged=false", "Privileged=false", "HostConfig.Privileged");
    }
}
