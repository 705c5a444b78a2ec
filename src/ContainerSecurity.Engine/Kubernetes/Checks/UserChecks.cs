using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP004 runAsNonRoot not true, KP005 runAsUser 0, KP028 no user namespace (hostUsers).</summary>
internal sealed class UserChecks : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP004", "KP005", "KP028"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        var podNonRoot = workload.Bool(workload.PodSecurityContext, "runAsNonRoot", workload.PodSecurityContextPath);
        var podUser = workload.Integer(workload.PodSecurityContext, "runAsUser", workload.PodSecurityContextPath);
        bool podNonRootReported = false, podUserReported = false;
        foreach (var container in workload.Containers)
        {
            var nonRoot = workload.RunAsNonRoot(container);
            var user = workload.RunAsUser(container);
            var ownNonRoot = workload.Bool(container.SecurityContext, "runAsNonRoot", container.SecurityContextPath);

            // A non-zero runAsUser also keeps the container off uid 0, whatever runAsNonRoot says.
            var safeUser = user.Value is > 0;
            var failed = nonRoot.Value != true && !safeUser;
            podNonRootReported |= failed && ownNonRoot is null;
            context.Report(failed, "KP004", container, nonRoot.Path, nonRoot.Node,
                $"Container '{container.Name}' may run as root: runAsNonRoot is {Describe(ownNonRoot)} on the container and {Describe(podNonRoot)} on the pod, and no non-zero runAsUser is set.",
                $"Container '{container.Name}' cannot run as root.",
                $"container runAsNonRoot: {Describe(ownNonRoot)}; pod runAsNonRoot: {Describe(podNonRoot)}", "runAsNonRoot: true");

            podUserReported |= user.Value == 0 && user.Path.StartsWith(workload.PodSecurityContextPath, StringComparison.Ordinal);
            context.Report(user.Value == 0, "KP005", container, user.Path, user.Node,
                $"Container '{container.Name}' is set to run as uid 0 (root).",
                $"Container '{container.Name}' is not set to run as uid 0.", "runAsUser: 0", "runAsUser: a non-zero uid (10000 or above)");
        }

        // A pod-level false or 0 that every container overrides still fails, as the Pod Security Standards (restricted)
        // judge it: a container added later (kubectl debug) inherits it.
        if (podNonRoot == false && !podNonRootReported && workload.Containers.Count > 0)
        {
            context.Fail("KP004", null, workload.PodSecurityContextPath + ".runAsNonRoot", workload.PodSecurityContext!["runAsNonRoot"],
                "Pod sets runAsNonRoot false in its securityContext: its containers do not run as root, but a container added later (kubectl debug) may.",
                "pod runAsNonRoot: false", "runAsNonRoot: true at pod level, or unset");
        }

        if (podUser == 0 && !podUserReported && workload.Containers.Count > 0)
        {
            context.Fail("KP005", null, workload.PodSecurityContextPath + ".runAsUser", workload.PodSecurityContext!["runAsUser"],
                "Pod sets runAsUser 0 (root) in its securityContext: its containers override it, but a container added later (kubectl debug) runs as root.",
                "pod runAsUser: 0", "runAsUser: a non-zero uid (10000 or above), or unset");
        }

        var hostUsers = workload.Bool(workload.Spec, "hostUsers", workload.SpecPath);
        if (!workload.IsWindows)
        {
            context.Report(hostUsers != false, "KP028", null, workload.SpecPath + ".hostUsers", workload.Spec["hostUsers"],
                $"Pod does not use a user namespace (hostUsers is {(hostUsers is null ? "unset" : "true")}): container uids are node uids.",
                "Pod runs in its own user namespace.", hostUsers is null ? "hostUsers: (unset)" : "hostUsers: true", "hostUsers: false");
        }
    }

    private static string Describe(bool? value) => value switch { true => "true", false => "false", null => "not set" };
}
