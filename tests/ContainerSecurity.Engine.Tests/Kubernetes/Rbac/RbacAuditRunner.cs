using ContainerSecurity.Engine.Kubernetes.Rbac;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Rbac;

/// <summary>Runs the RBAC audit over files or text and sorts what it reported.</summary>
internal static class RbacAuditRunner
{
    public static (List<Finding> Findings, List<ScanProblem> Problems) RunFiles(params string[] paths) =>
        Run(ManifestFileSource.ReadPaths(paths), new RbacAudit(includePassed: true));

    public static (List<Finding> Findings, List<ScanProblem> Problems) RunText(string yaml, bool includePassed = true) =>
        Run(ManifestReader.Read(new StringReader(yaml), "rbac.yaml"), new RbacAudit(includePassed));

    public static List<RbacPermission> Permissions(string yaml, RbacPermissionQuery query)
    {
        var audit = new RbacAudit(includePassed: false);
        foreach (var result in ManifestReader.Read(new StringReader(yaml), "rbac.yaml"))
        {
            _ = audit.Add(result).ToList();
        }

        return [.. query.Run(audit)];
    }

    private static (List<Finding>, List<ScanProblem>) Run(IEnumerable<ManifestReadResult> results, RbacAudit audit)
    {
        var events = new List<ScanEvent>();
        foreach (var result in results)
        {
            events.AddRange(audit.Add(result));
        }

        events.AddRange(audit.Complete());
        return (events.OfType<FindingEvent>().Select(e => e.Finding).ToList(), events.OfType<ProblemEvent>().Select(e => e.Problem).ToList());
    }
}
