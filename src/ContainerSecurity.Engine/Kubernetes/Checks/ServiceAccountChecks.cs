using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP021 automounted service-account token, KP036 the namespace's default service account.</summary>
internal sealed class ServiceAccountChecks : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP021", "KP036"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        var automount = workload.Bool(workload.Spec, "automountServiceAccountToken", workload.SpecPath);
        context.Report(automount != false, "KP021", null, workload.SpecPath + ".automountServiceAccountToken", workload.Spec["automountServiceAccountToken"],
            $"Pod mounts a service-account token into every container (automountServiceAccountToken is {(automount is null ? "unset; only the service account can still disable it" : "true")}).",
            "Pod does not mount a service-account token.",
            automount is null ? "automountServiceAccountToken: (unset)" : "automountServiceAccountToken: true", "automountServiceAccountToken: false");

        var account = workload.String(workload.Spec, "serviceAccountName", workload.SpecPath) ?? workload.String(workload.Spec, "serviceAccount", workload.SpecPath);
        context.Report(account is null or "" or "default", "KP036", null, workload.SpecPath + ".serviceAccountName", workload.Spec["serviceAccountName"],
            "Pod runs as the namespace's default service account, an identity shared with every pod that names none.",
            $"Pod runs as its own service account '{account}'.", account is null ? "serviceAccountName: (unset)" : $"serviceAccountName: {account}", "a dedicated service account");
    }
}
