using System.Management.Automation;
using ContainerSecurity.Completion;
using ContainerSecurity.Engine.Kubernetes.Rbac;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Finds who can read Secrets, exec into pods, create workloads, escalate or impersonate, and other dangerous RBAC rights.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "RbacThreat", DefaultParameterSetName = ClusterSet)]
[OutputType(typeof(Finding))]
public sealed class GetRbacThreatCommand : ClusterManifestCommandBase, IRuleAudit
{
    /// <summary>The rules of the RBAC audit: what -RuleId selects among and completes.</summary>
    public static IEnumerable<string> AuditRuleIds => RbacAudit.RuleIds;

    private RbacAudit? _audit;

    /// <summary>Only these rules (KR001 …); wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RuleIdCompleter<GetRbacThreatCommand>))]
    public string[]? RuleId { get; set; }

    /// <summary>Also write the checks that passed.</summary>
    [Parameter]
    public SwitchParameter IncludePassed { get; set; }

    private RbacAudit Audit => _audit!;

    /// <inheritdoc/>
    protected override void BeginProcessing() => _audit = new RbacAudit(IncludePassed, RuleFilters.Select(this, RuleId, AuditRuleIds));

    /// <inheritdoc/>
    private protected override IReadOnlyList<ClusterResource> LiveResources => RbacClusterResources.All;

    /// <inheritdoc/>
    private protected override IEnumerable<ScanEvent> Accept(ManifestReadResult result) => Audit.Add(result);

    /// <inheritdoc/>
    private protected override IEnumerable<ScanEvent> Complete() => Audit.Complete();
}
