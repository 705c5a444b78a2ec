using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP002 privileged, KP003 allowPrivilegeEscalation, KP006 writable root filesystem, KP026 procMount Unmasked.</summary>
internal sealed class PrivilegeChecks : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP002", "KP003", "KP006", "KP026"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        foreach (var container in workload.Containers)
        {
            var sc = container.SecurityContext;
            var path = container.SecurityContextPath;
            var privileged = workload.Bool(sc, "privileged", path) == true;
            context.Report(privileged, "KP002", container, path + ".privileged", sc?["privileged"] ?? sc,
                $"Container '{container.Name}' runs privileged: every device and capability of the node, no seccomp or AppArmor.",
                $"Container '{container.Name}' is not privileged.", "privileged: true", "privileged: false or unset");

            // Kubernetes makes escalation possible unless it is explicitly false; privileged or CAP_SYS_ADMIN force it on.
            var escalation = workload.Bool(sc, "allowPrivilegeEscalation", path);
            var sysAdmin = workload.AddedCapabilities(container).Values.Any(c => EffectiveSecurity.NormalizeCapability(c) is "SYS_ADMIN" or "ALL");
            if (!workload.IsWindows)
            {
                context.Report(escalation != false || privileged || sysAdmin, "KP003", container, path + ".allowPrivilegeEscalation", sc?["allowPrivilegeEscalation"] ?? sc,
                    escalation == false
                        ? $"Container '{container.Name}' sets allowPrivilegeEscalation: false, but privileged or CAP_SYS_ADMIN turns it back on."
                        : $"Container '{container.Name}' allows privilege escalation (allowPrivilegeEscalation is {(escalation is null ? "unset" : "true")}): setuid binaries can gain privileges.",
                    $"Container '{container.Name}' forbids privilege escalation.",
                    escalation is null ? "allowPrivilegeEscalation: (unset)" : $"allowPrivilegeEscalation: {escalation.Value.ToString().ToLowerInvariant()}",
                    "allowPrivilegeEscalation: false");
            }

            var readOnly = workload.Bool(sc, "readOnlyRootFilesystem", path);
            context.Report(readOnly != true, "KP006", container, path + ".readOnlyRootFilesystem", sc?["readOnlyRootFilesystem"] ?? sc,
                $"Container '{container.Name}' can write to its root filesystem, so an intruder can change binaries and drop tools.",
                $"Container '{container.Name}' has a read-only root filesystem.",
                readOnly is null ? "readOnlyRootFilesystem: (unset)" : "readOnlyRootFilesystem: false", "readOnlyRootFilesystem: true");

            var procMount = workload.String(sc, "procMount", path);
            context.Report(procMount is not null && procMount != "Default", "KP026", container, path + ".procMount", sc?["procMount"] ?? sc,
                $"Container '{container.Name}' sets procMount {procMount}: /proc is not masked.",
                $"Container '{container.Name}' keeps the default masked /proc.", $"procMount: {procMount}", "procMount: Default or unset");
        }
    }
}
