using System.Management.Automation;
using ContainerSecurity.Engine.Kubernetes.Rbac;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Lists who holds which RBAC rights, where, and through which binding and role.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "RbacPermission", DefaultParameterSetName = ClusterSet)]
[OutputType(typeof(RbacPermission))]
public sealed class GetRbacPermissionCommand : ClusterManifestCommandBase
{
    private readonly RbacAudit _audit = new(includePassed: false);

    /// <summary>Only rights that allow any of these verbs (get, list, create …); a wildcard verb in a role matches any.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Verb { get; set; }

    /// <summary>Only rights on any of these resources (secrets, pods/exec …); wildcard resources in a role match.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Resource { get; set; }

    /// <summary>Only rights that hold in this namespace (cluster-wide rights hold in every namespace).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Namespace { get; set; }

    /// <summary>Only these subjects, by the name the API server knows (alice, system:serviceaccount:ci:*); wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Subject { get; set; }

    /// <inheritdoc/>
    private protected override IReadOnlyList<ClusterResource> LiveResources => RbacClusterResources.All;

    /// <inheritdoc/>
    private protected override IEnumerable<ScanEvent> Accept(ManifestReadResult result) => _audit.Add(result);

    /// <inheritdoc/>
    private protected override IEnumerable<ScanEvent> Complete()
    {
        var patterns = Subject?.Select(s => new WildcardPattern(s, WildcardOptions.IgnoreCase)).ToList();
        var query = new RbacPermissionQuery
        {
            Verbs = Verb ?? [],
            Resources = Resource ?? [],
            Namespace = Namespace,
            Subject = patterns is null ? null : name => patterns.Any(p => p.IsMatch(name)),
        };
        var verbose = new List<string>();
        foreach (var permission in query.Run(_audit, verbose.Add))
        {
            WriteObject(permission);
        }

        return verbose.Select(v => (ScanEvent)new VerboseEvent(v));
    }
}
