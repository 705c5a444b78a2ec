using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>
/// KP016 memory limit, KP017 CPU limit, KP018 CPU and memory requests, KP037 ephemeral-storage limit. Ephemeral
/// (debug) containers cannot have resources, so they are skipped.
/// </summary>
internal sealed class ResourceChecks : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP016", "KP017", "KP018", "KP037"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        foreach (var container in workload.Containers.Where(c => c.Kind != ContainerKind.EphemeralContainer))
        {
            var resources = container.Node["resources"];
            var limits = resources?["limits"];
            var requests = resources?["requests"];
            var path = container.Path + ".resources";

            Limit(context, container, limits, resources, path, "memory", "KP016", "can use all of the node's memory and starve its neighbours");
            Limit(context, container, limits, resources, path, "cpu", "KP017", "can use every CPU of the node");
            Limit(context, container, limits, resources, path, "ephemeral-storage", "KP037", "can fill the node's disk");

            // Kubernetes copies limits to unset requests, so a limit counts as a request.
            var missing = new[] { "cpu", "memory" }.Where(r => Quantity(requests, r) is null && Quantity(limits, r) is null).ToList();
            context.Report(missing.Count > 0, "KP018", container, path + ".requests", requests ?? resources,
                $"Container '{container.Name}' requests no {string.Join(" or ", missing)}: the scheduler cannot place it by need and it is evicted first.",
                $"Container '{container.Name}' requests CPU and memory.", $"requests: no {string.Join(", ", missing)}", "requests.cpu and requests.memory");
        }
    }

    private static string? Quantity(Sources.ManifestNode? parent, string name) => parent?[name]?.Text;

    private static void Limit(PodCheckContext context, ContainerView container, Sources.ManifestNode? limits, Sources.ManifestNode? resources, string path, string resource, string ruleId, string consequence)
    {
        var value = Quantity(limits, resource);
        context.Report(value is null, ruleId, container, $"{path}.limits.{resource}", limits ?? resources,
            $"Container '{container.Name}' has no {resource} limit and {consequence}.",
            $"Container '{container.Name}' limits {resource} to {value}.", $"limits.{resource}: (unset)", $"limits.{resource} set");
    }
}
