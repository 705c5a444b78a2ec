using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>
/// KP001 NET_RAW not dropped, KP007 dangerous capabilities added, KP008 capabilities outside the baseline list,
/// KP009 ALL not dropped. Linux capabilities do not exist for Windows pods, which these rules skip.
/// </summary>
internal sealed class CapabilityChecks : IPodCheck
{
    /// <summary>Capabilities that each allow a container escape or a node network takeover (KP007).</summary>
    internal static readonly HashSet<string> Dangerous = new(StringComparer.Ordinal)
    {
        "ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "DAC_READ_SEARCH", "NET_ADMIN", "SYS_RAWIO", "BPF", "PERFMON",
        "SYS_BOOT", "MAC_ADMIN", "MAC_OVERRIDE",
    };

    /// <summary>The capabilities the baseline Pod Security Standard allows to add, compared exactly as PSA does.</summary>
    internal static readonly HashSet<string> Baseline = new(StringComparer.Ordinal)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP",
        "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    public IReadOnlyList<string> RuleIds { get; } = ["KP001", "KP007", "KP008", "KP009"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        if (workload.IsWindows)
        {
            return;
        }

        foreach (var container in workload.Containers)
        {
            var added = workload.AddedCapabilities(container);
            var dropped = workload.DroppedCapabilities(container);
            var addedNormal = added.Values.Select(EffectiveSecurity.NormalizeCapability).ToList();
            var droppedNormal = dropped.Values.Select(EffectiveSecurity.NormalizeCapability).ToList();
            var addsAll = addedNormal.Contains("ALL");
            var privileged = workload.IsPrivileged(container);

            // KP001: NET_RAW survives unless dropped (by name or ALL) and not added back; privileged keeps everything.
            var netRawDropped = droppedNormal.Contains("NET_RAW") || droppedNormal.Contains("ALL");
            var netRawAdded = addedNormal.Contains("NET_RAW") || addsAll;
            if (privileged)
            {
                context.Fail("KP001", container, container.SecurityContextPath + ".privileged", container.SecurityContext?["privileged"],
                    $"Container '{container.Name}' is privileged, so it holds NET_RAW whatever it drops.", "privileged: true", "capabilities.drop: [ALL], not privileged");
            }
            else if (netRawAdded)
            {
                context.Fail("KP001", container, added.Path, added.Node,
                    $"Container '{container.Name}' adds {(addsAll ? "ALL" : "NET_RAW")}, so it can craft raw packets and spoof traffic.", $"add: [{string.Join(", ", added.Values)}]", "NET_RAW neither added nor kept");
            }
            else
            {
                context.Report(!netRawDropped, "KP001", container, dropped.Path, dropped.Node,
                    $"Container '{container.Name}' keeps CAP_NET_RAW (drop neither ALL nor NET_RAW), so it can craft raw packets and spoof traffic.",
                    $"Container '{container.Name}' drops NET_RAW.",
                    dropped.Values.Count == 0 ? "drop: (none)" : $"drop: [{string.Join(", ", dropped.Values)}]", "drop: [ALL] (or NET_RAW)");
            }

            // KP007: dangerous additions.
            var dangerous = added.Values.Where(c => Dangerous.Contains(EffectiveSecurity.NormalizeCapability(c))).ToList();
            context.Report(dangerous.Count > 0, "KP007", container, added.Path, added.Node,
                $"Container '{container.Name}' adds {string.Join(", ", dangerous)}, enough to escape the container or take over the node.",
                $"Container '{container.Name}' adds no dangerous capability.",
                $"add: [{string.Join(", ", added.Values)}]", "none of " + string.Join(", ", Dangerous.Order(StringComparer.Ordinal)));

            // KP008: beyond the baseline list (exact names, as PSA compares them).
            var outside = added.Values.Where(c => !Baseline.Contains(c)).ToList();
            context.Report(outside.Count > 0, "KP008", container, added.Path, added.Node,
                $"Container '{container.Name}' adds {string.Join(", ", outside)}, outside the baseline Pod Security Standard list.",
                $"Container '{container.Name}' adds only capabilities of the baseline list.",
                $"add: [{string.Join(", ", added.Values)}]", "only " + string.Join(", ", Baseline.Order(StringComparer.Ordinal)));

            // KP009: drop ALL, add back at most NET_BIND_SERVICE (the restricted standard).
            var extra = added.Values.Where(c => c != "NET_BIND_SERVICE").ToList();
            var dropsAll = dropped.Values.Contains("ALL");
            context.Report(!dropsAll || extra.Count > 0, "KP009", container, dropsAll ? added.Path : dropped.Path, dropsAll ? added.Node : dropped.Node,
                dropsAll
                    ? $"Container '{container.Name}' drops ALL but adds back {string.Join(", ", extra)}."
                    : $"Container '{container.Name}' does not drop ALL capabilities and keeps the runtime's default set.",
                $"Container '{container.Name}' drops ALL capabilities.",
                $"drop: [{string.Join(", ", dropped.Values)}]; add: [{string.Join(", ", added.Values)}]", "drop: [ALL]; add: at most [NET_BIND_SERVICE]");
        }
    }
}
