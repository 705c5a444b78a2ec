using ContainerSecurity.Engine.Kubernetes.Rbac;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Workloads;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.ControlPlane;

/// <summary>
/// Audits control-plane and node configuration one object at a time: static pods (and any workload) running
/// kube-apiserver, etcd, kube-controller-manager, kube-scheduler or the Kubernetes Dashboard, and KubeletConfiguration
/// files. Other objects yield nothing.
/// </summary>
public static class ControlPlaneAudit
{
    /// <summary>The rules this audit evaluates.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = [.. Enumerable.Range(7, 15).Select(i => $"KC{i:000}")];

    /// <summary>Audits one object.</summary>
    public static IEnumerable<ScanEvent> Audit(ManifestObject source)
    {
        IEnumerable<ScanEvent> events = KubeletConfigurationChecks.Applies(source)
            ? KubeletConfigurationChecks.Evaluate(source)
            : WorkloadView.From(source) is { } workload ? ComponentFlags.Read(workload).SelectMany(ComponentFlagChecks.Evaluate) : [];
        return events.Select(e => e is FindingEvent { Finding: var f } ? new FindingEvent(ObjectWaivers.Apply(f, source)) : e).ToList();
    }
}
