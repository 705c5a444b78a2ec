using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP027 unsafe sysctls: anything outside the baseline Pod Security Standard's safe list.</summary>
internal sealed class SysctlChecks : IPodCheck
{
    /// <summary>The sysctls the baseline standard allows (through Kubernetes 1.29+).</summary>
    internal static readonly HashSet<string> Safe = new(StringComparer.Ordinal)
    {
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    };

    public IReadOnlyList<string> RuleIds { get; } = ["KP027"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        var path = workload.PodSecurityContextPath;
        var sysctls = workload.List(workload.PodSecurityContext, "sysctls", path);
        var unsafeFound = false;
        for (var i = 0; i < sysctls.Count; i++)
        {
            var name = workload.String(sysctls[i], "name", $"{path}.sysctls[{i}]");
            if (name is not null && !Safe.Contains(name))
            {
                unsafeFound = true;
                context.Fail("KP027", null, $"{path}.sysctls[{i}].name", sysctls[i]["name"],
                    $"Pod sets the unsafe sysctl {name}, which can affect the node or other pods.", $"{name}={sysctls[i]["value"]?.Text}", "only sysctls of the safe set");
            }
        }

        if (!unsafeFound)
        {
            context.Pass("KP027", null, path + ".sysctls", workload.PodSecurityContext?["sysctls"], "Pod sets only safe sysctls.");
        }
    }
}
