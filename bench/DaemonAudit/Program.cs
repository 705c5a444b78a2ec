using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContainerSecurity.Bench.DaemonAudit;
using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Scanning;

// Test-DockerDaemonConfig's offline audit of a host tree, against a baseline measured in the same run: parse the same
// daemon.json with System.Text.Json and stat every file the audit examines. Reports the median of each, their ratio,
// the findings per round, and the process's peak working set.
var registries = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
var root = HostTreeGenerator.Generate(registries);
try
{
    var options = new DaemonAuditOptions { Root = root, TrustedUsers = ["user1"] };
    var files = Directory.EnumerateFileSystemEntries(Path.Join(root, "etc"), "*", SearchOption.AllDirectories)
        .Concat(Directory.EnumerateFiles(Path.Join(root, "lib"), "*", SearchOption.AllDirectories))
        .ToList();

    // Warm up both paths (JIT, file cache) before measuring.
    var findings = Audit(options);
    Baseline(root, files);

    var audit = new List<double>();
    var baseline = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        baseline.Add(Time(() => Baseline(root, files)));
        audit.Add(Time(() => findings = Audit(options)));
    }

    var auditMedian = Median(audit);
    var baselineMedian = Median(baseline);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host tree: {files.Count} entries, {registries} registries; {findings} findings per audit; {rounds} rounds"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline (parse daemon.json + stat the same files): median {baselineMedian:F2} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audit (Test-DockerDaemonConfig engine, offline):    median {auditMedian:F2} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio audit/baseline: {auditMedian / baselineMedian:F2}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):F1} MiB"));
}
finally
{
    Directory.Delete(root, recursive: true);
}

static int Audit(DaemonAuditOptions options)
{
    var count = 0;
    var events = DaemonAudit.RunAsync(options, CancellationToken.None).GetAsyncEnumerator();
    while (events.MoveNextAsync().AsTask().GetAwaiter().GetResult())
    {
        count += events.Current is FindingEvent ? 1 : 0;
    }

    return count;
}

static void Baseline(string root, List<string> files)
{
    using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Join(root, "etc/docker/daemon.json")));
    var modes = 0;
    foreach (var file in files)
    {
        modes ^= OperatingSystem.IsWindows() ? 0 : (int)File.GetUnixFileMode(file);
    }

    GC.KeepAlive(modes);
}

static double Time(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
