using ContainerSecurity.Engine.Kubernetes;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

/// <summary>Runs the pod scanner over text or files and collects what it reports.</summary>
internal static class PodAudit
{
    public static List<ScanEvent> Text(string yaml, PodThreatScanOptions? options = null) =>
        Run(ManifestReader.Read(new StringReader(yaml), "test.yaml"), options);

    public static List<ScanEvent> Files(string path, PodThreatScanOptions? options = null) =>
        Run(ManifestFileSource.ReadPaths([path]), options);

    public static List<Finding> Findings(this IEnumerable<ScanEvent> events) =>
        events.OfType<FindingEvent>().Select(e => e.Finding).ToList();

    public static List<ScanProblem> Problems(this IEnumerable<ScanEvent> events) =>
        events.OfType<ProblemEvent>().Select(e => e.Problem).ToList();

    private static List<ScanEvent> Run(IEnumerable<ManifestReadResult> results, PodThreatScanOptions? options)
    {
        var scanner = new PodThreatScanner(options ?? new PodThreatScanOptions { Today = new DateTime(2026, 11, 23) });
        var events = results.SelectMany(scanner.Audit).ToList();
        events.AddRange(scanner.Complete());
        return events;
    }
}
