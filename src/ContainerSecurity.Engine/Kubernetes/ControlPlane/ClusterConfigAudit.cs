using ContainerSecurity.Engine.Kubernetes.Namespaces;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.ControlPlane;

/// <summary>
/// What Get-ClusterThreat runs: the control-plane and kubelet checks on each object as it arrives, and the namespace
/// posture once all input is in.
/// </summary>
public sealed class ClusterConfigAudit
{
    private readonly bool _includePassed;
    private readonly Func<string, bool> _selected;
    private readonly NamespaceAudit _namespaces;

    /// <summary>Creates the audit.</summary>
    public ClusterConfigAudit(bool includePassed, Func<string, bool>? ruleFilter = null)
    {
        _includePassed = includePassed;
        _selected = ruleFilter ?? (_ => true);
        _namespaces = new NamespaceAudit(includePassed, _selected);
    }

    /// <summary>The rules this audit evaluates.</summary>
    public static IEnumerable<string> RuleIds => ControlPlaneAudit.RuleIds.Concat(NamespaceAudit.RuleIds);

    /// <summary>Takes one result of a source.</summary>
    public IEnumerable<ScanEvent> Add(ManifestReadResult result)
    {
        if (result.Problem is not null)
        {
            return [new ProblemEvent(result.Problem)];
        }

        if (result.Object is not { } source)
        {
            return result.Skipped is null ? [] : [new VerboseEvent(result.Skipped)];
        }

        // A control-plane pod or kubelet file says nothing about its namespace's posture: a folder of static pods
        // would otherwise report kube-system for lacking policies the folder cannot show.
        var component = ControlPlaneAudit.Audit(source).ToList();
        var events = component.Where(e => e is not FindingEvent { Finding: var f } || (_selected(f.RuleId) && (_includePassed || f.Status == FindingStatus.Fail)));
        return component.Count > 0 ? events.ToList() : [.. events, .. _namespaces.Add(source)];
    }

    /// <summary>The namespace findings, once all input is in.</summary>
    public IEnumerable<ScanEvent> Complete() => _namespaces.Complete();
}
