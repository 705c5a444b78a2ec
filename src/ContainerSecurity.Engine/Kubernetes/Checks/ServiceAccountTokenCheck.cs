using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Waivers;
using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>
/// KP021: a pod gets a service-account token unless the pod, or its ServiceAccount, sets
/// automountServiceAccountToken: false (the pod's setting wins). A pod that leaves it unset is decided once the input
/// has ended, against the ServiceAccounts seen in it (the same manifests, or the cluster); only the prepared findings
/// are kept meanwhile.
/// </summary>
internal sealed class ServiceAccountTokenCheck
{
    private readonly HashSet<(string? Namespace, string Name)> _noAutomount = [];
    private readonly List<(string? Namespace, string Account, Finding Fail, Finding? Pass)> _pending = [];

    /// <summary>Remembers a ServiceAccount that disables automounting.</summary>
    public void AddServiceAccount(ManifestObject account)
    {
        if (account.Name is not null && account.Root["automountServiceAccountToken"]?.Text is { } text
            && PlainScalars.TryParseBoolean(text, out var automount) && !automount)
        {
            _noAutomount.Add((account.EffectiveNamespace, account.Name));
        }
    }

    public void Evaluate(WorkloadView workload, WaiverSet waivers, PodCheckContext context, bool includePassed)
    {
        var path = workload.SpecPath + ".automountServiceAccountToken";
        var node = workload.Spec["automountServiceAccountToken"];
        var automount = workload.Bool(workload.Spec, "automountServiceAccountToken", workload.SpecPath);
        if (automount is not null)
        {
            context.Report(automount.Value, "KP021", null, path, node,
                "Pod mounts a service-account token into every container (automountServiceAccountToken: true).",
                "Pod does not mount a service-account token.", "automountServiceAccountToken: true", "automountServiceAccountToken: false");
            return;
        }

        var account = ServiceAccountChecks.ServiceAccountName(workload);
        var target = context.Target(null, path, node);
        var fail = FindingFactory.Create("KP021", FindingStatus.Fail, target,
            $"Pod mounts a token of service account '{account}' into every container: neither the pod nor that ServiceAccount (as far as the input shows) sets automountServiceAccountToken: false.",
            new Evidence("automountServiceAccountToken: (unset on the pod and its ServiceAccount)", "automountServiceAccountToken: false", "input"),
            waiver: waivers.Find("KP021", null));
        var pass = includePassed
            ? FindingFactory.Create("KP021", FindingStatus.Pass, target, $"ServiceAccount '{account}' disables token automounting.")
            : null;
        _pending.Add((workload.Object.EffectiveNamespace, account, fail, pass));
    }

    /// <summary>Decides the pods that left the setting to their ServiceAccount.</summary>
    public IEnumerable<Finding> Complete()
    {
        foreach (var (ns, account, fail, pass) in _pending)
        {
            var finding = _noAutomount.Contains((ns, account)) ? pass : fail;
            if (finding is not null)
            {
                yield return finding;
            }
        }

        _pending.Clear();
    }
}
