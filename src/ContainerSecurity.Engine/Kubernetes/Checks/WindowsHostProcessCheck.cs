using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP029 Windows HostProcess containers (pod-level setting applies to every container).</summary>
internal sealed class WindowsHostProcessCheck : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP029"];

    /// <summary>Every place that sets hostProcess: true.</summary>
    internal static IEnumerable<(ContainerView? Container, string Path, Sources.ManifestNode Node)> HostProcessFields(WorkloadView workload)
    {
        var podOptions = workload.PodSecurityContext?["windowsOptions"];
        if (workload.Bool(podOptions, "hostProcess", workload.PodSecurityContextPath + ".windowsOptions") == true)
        {
            yield return (null, workload.PodSecurityContextPath + ".windowsOptions.hostProcess", podOptions!["hostProcess"]!);
        }

        foreach (var container in workload.Containers)
        {
            var options = container.SecurityContext?["windowsOptions"];
            if (workload.Bool(options, "hostProcess", container.SecurityContextPath + ".windowsOptions") == true)
            {
                yield return (container, container.SecurityContextPath + ".windowsOptions.hostProcess", options!["hostProcess"]!);
            }
        }
    }

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        var found = false;
        foreach (var (container, path, node) in HostProcessFields(workload))
        {
            found = true;
            context.Fail("KP029", container, path, node,
                $"{(container is null ? "Pod" : $"Container '{container.Name}'")} runs as a Windows HostProcess container, directly on the node.", "hostProcess: true", "hostProcess: false or unset");
        }

        if (!found)
        {
            context.Pass("KP029", null, workload.PodSecurityContextPath + ".windowsOptions.hostProcess", workload.PodSecurityContext, "No HostProcess container.");
        }
    }
}
