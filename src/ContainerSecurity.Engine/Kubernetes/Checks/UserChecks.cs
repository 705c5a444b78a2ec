using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP004 runAsNonRoot not true, KP005 runAsUser 0, KP028 no user namespace (hostUsers).</summary>
internal sealed class UserChecks : IPodCheck
{
    public IReadOnlyList<string> RuleIds { get; } = ["KP004", "KP005", "KP028"];

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        foreach (var container in workload.Containers)
        {
            var nonRoot = workload.RunAsNonRoot(container);
            var user = workload.RunAsUser(container);

            // A non-zero runAsUser also keeps the container off uid 0, whatever runAsNonRoot says.
            var safeUser = user.Value is > 0;
            context.Report(nonRoot.Value != true && !safeUser, "KP004", container, nonRoot.Path, nonRoot.Node,
                $"Container '{container.Name}' may run as root: runAsNonRoot is {(nonRoot.IsSet ? "false" : "not set")} at pod and container level and no non-zero runAsUser is set.",
                $"Container '{container.Name}' cannot run as root.",
                nonRoot.IsSet ? "runAsNonRoot: false" : "runAsNonRoot: (unset)", "runAsNonRoot: true");

            context.Report(user.Value == 0, "KP005", container, user.Path, user.Node,
                $"Container '{container.Name}' is set to run as uid 0 (root).",
                $"Container '{container.Name}' is not set to run as uid 0.", "runAsUser: 0", "runAsUser: a non-zero uid (10000 or above)");
        }

        var hostUsers = workload.Bool(workload.Spec, "hostUsers", workload.SpecPath);
        if (!workload.IsWindows)
        {
            context.Report(hostUsers != false, "KP028", null, workload.SpecPath + ".hostUsers", workload.Spec["hostUsers"],
                $"Pod does not use a user namespace (hostUsers is {(hostUsers is null ? "unset" : "true")}): container uids are node uids.",
                "Pod runs in its own user namespace.", hostUsers is null ? "hostUsers: (unset)" : "hostUsers: true", "hostUsers: false");
        }
    }
}
