using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>A check of one rule (or a small family of rules) against one pod spec.</summary>
internal interface IPodCheck
{
    /// <summary>The rules this check reports.</summary>
    IReadOnlyList<string> RuleIds { get; }

    /// <summary>Evaluates the workload, reporting through <paramref name="context"/>.</summary>
    void Evaluate(WorkloadView workload, PodCheckContext context);
}
