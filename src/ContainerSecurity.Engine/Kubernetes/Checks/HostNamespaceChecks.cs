using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP010 hostPID, KP011 hostIPC, KP012 hostNetwork, KP013 hostPort.</summary>
internal sealed class HostNamespaceChecks : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP010", "KP011", "KP012", "KP013"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        foreach (var (rule, field, what) in new[] { ("KP010", "hostPID", "PID"), ("KP011", "hostIPC", "IPC"), ("KP012", "hostNetwork", "network") })
        {
            var value = workload.Bool(workload.Spec, field, workload.SpecPath) == true;
            context.Report(value, rule, null, $"{workload.SpecPath}.{field}", workload.Spec[field],
                $"Pod shares the node's {what} namespace ({field}: true).", $"Pod has its own {what} namespace.", $"{field}: true", $"{field}: false or unset");
        }

        foreach (var container in workload.Containers)
        {
            var ports = workload.List(container.Node, "ports", container.Path);
            var bound = false;
            for (var i = 0; i < ports.Count; i++)
            {
                var path = $"{container.Path}.ports[{i}]";
                var hostPort = workload.Integer(ports[i], "hostPort", path);
                if (hostPort is > 0)
                {
                    bound = true;
                    context.Fail("KP013", container, path + ".hostPort", ports[i]["hostPort"],
                        $"Container '{container.Name}' binds port {hostPort} on the node (hostPort), bypassing network policies.", $"hostPort: {hostPort}", "no hostPort (use a Service)");
                }
            }

            if (!bound)
            {
                context.Pass("KP013", container, container.Path + ".ports", container.Node["ports"], $"Container '{container.Name}' binds no node port.");
            }
        }
    }
}
