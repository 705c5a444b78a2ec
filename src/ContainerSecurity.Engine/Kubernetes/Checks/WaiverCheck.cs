using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Kubernetes.Waivers;
using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP039: waiver annotations that have expired, are malformed, or name no rule.</summary>
internal static class WaiverCheck
{
    public static void Evaluate(WorkloadView workload, WaiverSet waivers, PodCheckContext context)
    {
        foreach (var (annotation, path) in waivers.Annotations)
        {
            var container = annotation.Container is null ? null : workload.Containers.FirstOrDefault(c => c.Name == annotation.Container);
            var problem = annotation.Error
                ?? (!RuleCatalog.Default.TryGet(annotation.RuleId, out _) ? $"it names no rule ({annotation.RuleId})" : null)
                ?? (annotation.Container is not null && container is null ? $"the workload has no container '{annotation.Container}'" : null);
            var target = context.Target(container, path, annotation.Node);
            if (problem is not null)
            {
                context.Add(FindingFactory.Create("KP039", FindingStatus.Warn, target,
                    $"Waiver annotation {annotation.Annotation} waives nothing: {problem}.",
                    new Evidence(annotation.Node.Text ?? string.Empty, "<reason>; expires=<yyyy-MM-dd>", annotation.Annotation)));
            }
            else if (annotation.Waiver!.IsExpired)
            {
                context.Add(FindingFactory.Create("KP039", FindingStatus.Warn, target,
                    $"Waiver of {annotation.RuleId} expired on {annotation.Waiver.Expires:yyyy-MM-dd} and no longer waives it ({annotation.Waiver.Reason}).",
                    new Evidence($"expires={annotation.Waiver.Expires:yyyy-MM-dd}", "an expiry date in the future", annotation.Annotation),
                    waiver: annotation.Waiver));
            }
        }
    }
}
