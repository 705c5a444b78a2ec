using System.Management.Automation;
using ContainerSecurity.Completion;
using ContainerSecurity.Engine.Kubernetes.ControlPlane;
using ContainerSecurity.Engine.Kubernetes.Namespaces;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Finds control-plane, node and namespace threats: API server, etcd and kubelet authentication, audit logging, the Dashboard, default-deny policies and limits.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ClusterThreat", DefaultParameterSetName = ClusterSet)]
[OutputType(typeof(Finding))]
public sealed class GetClusterThreatCommand : ClusterManifestCommandBase, IRuleAudit
{
    /// <summary>The control-plane and namespace rules: what -RuleId selects among and completes.</summary>
    public static IEnumerable<string> AuditRuleIds => ClusterConfigAudit.RuleIds;

    private ClusterConfigAudit? _audit;

    /// <summary>Only these rules (KC007, KN001 …); wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RuleIdCompleter<GetClusterThreatCommand>))]
    public string[]? RuleId { get; set; }

    /// <summary>Also write the checks that passed.</summary>
    [Parameter]
    public SwitchParameter IncludePassed { get; set; }

    private ClusterConfigAudit Audit => _audit!;

    /// <inheritdoc/>
    protected override void BeginProcessing() => _audit = new ClusterConfigAudit(IncludePassed, RuleFilters.Select(this, RuleId, AuditRuleIds));

    /// <inheritdoc/>
    private protected override IReadOnlyList<ClusterResource> LiveResources => NamespaceClusterResources.All;

    /// <inheritdoc/>
    private protected override IEnumerable<ScanEvent> Accept(ManifestReadResult result) => Audit.Add(result);

    /// <inheritdoc/>
    private protected override IEnumerable<ScanEvent> Complete() => Audit.Complete();
}
