using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP035 probes and lifecycle hooks that send the kubelet to a custom host.</summary>
internal sealed class ProbeHostCheck : IPodCheck
{
    private static readonly string[] s_handlers =
    [
        "livenessProbe", "readinessProbe", "startupProbe", "lifecycle.postStart", "lifecycle.preStop",
    ];

    public IReadOnlyList<string> RuleIds { get; } = ["KP035"];

    /// <summary>Every probe or hook handler with a non-empty host.</summary>
    internal static IEnumerable<(ContainerView Container, string Path, Sources.ManifestNode Node, string Host)> CustomHosts(WorkloadView workload)
    {
        foreach (var container in workload.Containers)
        {
            foreach (var handler in s_handlers)
            {
                Sources.ManifestNode? node = container.Node;
                foreach (var part in handler.Split('.'))
                {
                    node = node?[part];
                }

                foreach (var action in new[] { "httpGet", "tcpSocket" })
                {
                    var host = node?[action]?["host"];
                    if (host?.Text is { Length: > 0 } text)
                    {
                        yield return (container, $"{container.Path}.{handler}.{action}.host", host, text);
                    }
                }
            }
        }
    }

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        var found = false;
        foreach (var (container, path, node, host) in CustomHosts(workload))
        {
            found = true;
            context.Fail("KP035", container, path, node,
                $"Container '{container.Name}' makes the kubelet connect to {host} instead of the pod.", $"host: {host}", "host unset (the pod IP)");
        }

        if (!found)
        {
            context.Pass("KP035", null, workload.SpecPath + ".containers", workload.Spec["containers"], "No probe or hook names a custom host.");
        }
    }
}
