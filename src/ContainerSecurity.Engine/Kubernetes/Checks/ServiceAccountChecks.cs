using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP036 the namespace's default service account (KP021 is <see cref="ServiceAccountTokenCheck"/>).</summary>
internal sealed class ServiceAccountChecks : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP036"];

    /// <summary>The service account a pod runs as.</summary>
    internal static string ServiceAccountName(WorkloadView workload) =>
        workload.String(workload.Spec, "serviceAccountName", workload.SpecPath) is { Length: > 0 } name ? name
        : workload.String(workload.Spec, "serviceAccount", workload.SpecPath) is { Length: > 0 } legacy ? legacy
        : "default";

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        var account = workload.String(workload.Spec, "serviceAccountName", workload.SpecPath) ?? workload.String(workload.Spec, "serviceAccount", workload.SpecPath);
        context.Report(account is null or "" or "default", "KP036", null, workload.SpecPath + ".serviceAccountName", workload.Spec["serviceAccountName"],
            "Pod runs as the namespace's default service account, an identity shared with every pod that names none.",
            $"Pod runs as its own service account '{account}'.", account is null ? "serviceAccountName: (unset)" : $"serviceAccountName: {account}", "a dedicated service account");
    }
}
