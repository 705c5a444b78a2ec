using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Waivers;
using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>
/// KP038: a Deployment or StatefulSet with one replica, or with several and no PodDisruptionBudget selecting its pods.
/// Budgets may come anywhere in the input, so multi-replica workloads are decided when the input ends; only their
/// labels and the prepared finding are kept, never the object.
/// </summary>
internal sealed class DisruptionBudgetCheck
{
    private readonly List<(string? Namespace, ManifestNode? Selector)> _budgets = [];
    private readonly List<(string? Namespace, Dictionary<string, string> Labels, Finding Fail, Finding? Pass)> _pending = [];

    /// <summary>Remembers a PodDisruptionBudget.</summary>
    public void AddBudget(ManifestObject budget) => _budgets.Add((budget.EffectiveNamespace, budget.Root["spec"]?["selector"]));

    /// <summary>Evaluates a workload now (one replica) or later (several).</summary>
    public void Evaluate(WorkloadView workload, WaiverSet waivers, PodCheckContext context, bool includePassed)
    {
        if (workload.Object.Kind is not ("Deployment" or "StatefulSet"))
        {
            return;
        }

        var spec = workload.Object.Root["spec"];
        var replicas = workload.Integer(spec, "replicas", "spec") ?? 1;
        var target = context.Target(null, "spec.replicas", spec?["replicas"] ?? spec);
        var waiver = waivers.Find("KP038", null);
        if (replicas <= 1)
        {
            context.Add(FindingFactory.Create("KP038", FindingStatus.Fail, target,
                $"{workload.Object.Kind} runs {replicas} replica: any node drain, upgrade or eviction takes it down.",
                new Evidence($"replicas: {replicas}", "replicas: 2 or more, and a PodDisruptionBudget", "spec.replicas"), waiver: waiver));
            return;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (workload.PodMetadata?["labels"] is ManifestMapping mapping)
        {
            foreach (var (key, value) in mapping.Entries)
            {
                labels[key] = value.Text ?? string.Empty;
            }
        }

        var fail = FindingFactory.Create("KP038", FindingStatus.Fail, target,
            $"{workload.Object.Kind} runs {replicas} replicas but no PodDisruptionBudget in the input selects its pods: a drain can evict them all at once.",
            new Evidence($"replicas: {replicas}; no PodDisruptionBudget", "a PodDisruptionBudget selecting the pods", "input"), waiver: waiver);
        var pass = FindingFactory.Create("KP038", FindingStatus.Pass, target, $"{workload.Object.Kind} runs {replicas} replicas under a PodDisruptionBudget.");
        _pending.Add((workload.Object.EffectiveNamespace, labels, fail, includePassed ? pass : null));
    }

    /// <summary>Decides the pending workloads once every budget has been seen.</summary>
    public IEnumerable<Finding> Complete()
    {
        foreach (var (ns, labels, fail, pass) in _pending)
        {
            var covered = _budgets.Any(b => string.Equals(b.Namespace, ns, StringComparison.Ordinal) && LabelSelector.Matches(b.Selector, labels));
            var finding = covered ? pass : fail;
            if (finding is not null)
            {
                yield return finding;
            }
        }

        _pending.Clear();
    }
}
