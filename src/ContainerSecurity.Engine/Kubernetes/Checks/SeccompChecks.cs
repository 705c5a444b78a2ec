using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP022 no seccomp profile, KP023 Unconfined seccomp profile (pod, container, or legacy annotation).</summary>
internal sealed class SeccompChecks : IPodCheck
{
    private const string LegacyPodAnnotation = "seccomp.security.alpha.kubernetes.io/pod";
    private const string LegacyContainerAnnotation = "container.seccomp.security.alpha.kubernetes.io/";

    public IReadOnlyList<string> RuleIds { get; } = ["KP022", "KP023"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        if (workload.IsWindows)
        {
            return;
        }

        var annotations = workload.PodMetadata?["annotations"];
        var podProfileInherited = false;
        foreach (var container in workload.Containers)
        {
            var seccomp = workload.SeccompType(container);
            var legacy = annotations?[LegacyContainerAnnotation + container.Name] ?? annotations?[LegacyPodAnnotation];
            var legacyValue = legacy?.Text;
            var type = seccomp.Value ?? (legacyValue is null ? null : legacyValue == "unconfined" ? "Unconfined" : "RuntimeDefault");
            var node = seccomp.IsSet ? seccomp.Node : legacy ?? seccomp.Node;
            var path = seccomp.IsSet || legacy is null ? seccomp.Path : $"{workload.MetadataPath}.annotations";
            podProfileInherited |= seccomp.IsSet && seccomp.Path.StartsWith(workload.PodSecurityContextPath, StringComparison.Ordinal);

            context.Report(type is null, "KP022", container, path, node,
                $"Container '{container.Name}' has no seccomp profile: unless the kubelet runs with --seccomp-default, every system call is allowed.",
                $"Container '{container.Name}' has seccomp profile {type}.", "seccompProfile: (unset)", "seccompProfile.type: RuntimeDefault or Localhost");
            context.Report(type == "Unconfined", "KP023", container, path, node,
                $"Container '{container.Name}' disables seccomp (Unconfined).",
                $"Container '{container.Name}' does not disable seccomp.", $"seccompProfile.type: {type}", "seccompProfile.type: RuntimeDefault or Localhost");
        }

        // Unconfined at pod level is a violation even when every container overrides it, as the Pod Security Standards
        // (baseline) and kubeaudit judge it: a container added later, such as a kubectl debug container, inherits it.
        var podPath = workload.PodSecurityContextPath + ".seccompProfile";
        var podProfile = workload.PodSecurityContext?["seccompProfile"];
        if (!podProfileInherited && workload.String(podProfile, "type", podPath) == "Unconfined")
        {
            context.Fail("KP023", null, podPath + ".type", podProfile!["type"],
                "Pod sets seccomp profile Unconfined in its securityContext: its containers override it, but a container added later (kubectl debug) runs unconfined, and the Pod Security Standards forbid Unconfined at pod and container level.",
                "spec.securityContext.seccompProfile.type: Unconfined", "seccompProfile.type: RuntimeDefault or Localhost at pod and container level");
        }
    }
}
