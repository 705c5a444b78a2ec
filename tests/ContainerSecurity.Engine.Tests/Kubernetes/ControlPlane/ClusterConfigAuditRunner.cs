using ContainerSecurity.Engine.Kubernetes.ControlPlane;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Kubernetes.ControlPlane;

internal static class ClusterConfigAuditRunner
{
    public static (List<Finding> Findings, List<ScanProblem> Problems) RunFiles(params string[] paths) =>
        Run(ManifestFileSource.ReadPaths(paths), includePassed: true);

    public static (List<Finding> Findings, List<ScanProblem> Problems) RunText(string yaml, bool includePassed = true) =>
        Run(ManifestReader.Read(new StringReader(yaml), "cluster.yaml"), includePassed);

    private static (List<Finding>, List<ScanProblem>) Run(IEnumerable<ManifestReadResult> results, bool includePassed)
    {
        var audit = new ClusterConfigAudit(includePassed);
        var events = results.SelectMany(audit.Add).ToList();
        events.AddRange(audit.Complete());
        return (events.OfType<FindingEvent>().Select(e => e.Finding).ToList(), events.OfType<ProblemEvent>().Select(e => e.Problem).ToList());
    }
}
