using System.Diagnostics;
using System.Globalization;
using ContainerSecurity.Bench.RbacAudit;
using ContainerSecurity.Engine.Kubernetes.Rbac;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

// Baseline: parse the manifests into node trees (what any audit must do). Measured: parse, build the RBAC graph,
// evaluate KR001-KR013 and expand every permission. Each runs several times; the median is reported.
var namespaces = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
const int Rounds = 7;
var yaml = RbacManifestGenerator.Generate(namespaces);
Console.WriteLine($"Input: {namespaces} namespaces, {yaml.Length / 1024} KiB of YAML");

long parsedObjects = 0;
double Parse()
{
    var watch = Stopwatch.StartNew();
    parsedObjects = ManifestReader.Read(new StringReader(yaml), "bench.yaml").Count(r => r.Object is not null);
    return watch.Elapsed.TotalMilliseconds;
}

long findings = 0, permissions = 0;
double expansion = 0;
double Audit()
{
    var watch = Stopwatch.StartNew();
    var audit = new RbacAudit(includePassed: false);
    foreach (var result in ManifestReader.Read(new StringReader(yaml), "bench.yaml"))
    {
        _ = audit.Add(result).Count();
    }

    findings = audit.Complete().OfType<FindingEvent>().LongCount();
    var before = watch.Elapsed.TotalMilliseconds;
    permissions = new RbacPermissionQuery().Run(audit).LongCount();
    expansion = watch.Elapsed.TotalMilliseconds - before;
    return watch.Elapsed.TotalMilliseconds;
}

Parse();
Audit();
var parse = Enumerable.Range(0, Rounds).Select(_ => Parse()).Order().ElementAt(Rounds / 2);
var audit = Enumerable.Range(0, Rounds).Select(_ => Audit()).Order().ElementAt(Rounds / 2);
using var process = Process.GetCurrentProcess();
process.Refresh();
Console.WriteLine($"Objects: {parsedObjects}; findings: {findings}; permission records: {permissions}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Parse only (baseline): {parse:F1} ms median of {Rounds}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Parse + RBAC audit + permission expansion: {audit:F1} ms median of {Rounds}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which permission expansion (last round): {expansion:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ratio audit / parse: {audit / parse:F2}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak working set: {process.PeakWorkingSet64 / (1024 * 1024)} MiB"));
