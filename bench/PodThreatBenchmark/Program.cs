using System.Diagnostics;
using System.Globalization;
using ContainerSecurity.Bench;
using ContainerSecurity.Engine.Kubernetes;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Tests.Shared;
using k8s;
using k8s.Models;
using YamlDotNet.Core;

// Get-PodThreat's engine against merely parsing the same YAML with YamlDotNet's event parser, in the same run:
// one multi-document file and one file per Deployment, then 10,000 pods from the test API server in pages of 500.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
if (args.Length > 2 && args[2] == "live")
{
    // Run in its own process, so its peak memory is its own.
    Live(count);
    Console.WriteLine($"Peak working set of the live scan process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB (target < 300 MB)");
    return;
}

var work = Directory.CreateTempSubdirectory("podthreat-bench-").FullName;
try
{
    DeploymentGenerator.WriteCorpus(work, count, out var singleFile, out var folder);
    var bytes = new FileInfo(singleFile).Length;
    Console.WriteLine($"Corpus: {count:N0} Deployments, {bytes / 1024.0 / 1024.0:F1} MB ({bytes / count:N0} bytes each)");
    var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();

    foreach (var (label, parse, audit) in new (string, Func<long>, Func<long>)[]
    {
        ("one multi-document file", () => ParseOnly([singleFile]), () => Audit(singleFile)),
        ($"{count:N0} files", () => ParseOnly(files), () => Audit(folder)),
    })
    {
        // Warm up both, then alternate, keeping each one's median.
        parse();
        audit();
        var parseTimes = new List<double>();
        var auditTimes = new List<double>();
        long findings = 0;
        for (var i = 0; i < rounds; i++)
        {
            parseTimes.Add(Time(() => parse()));
            auditTimes.Add(Time(() => findings = audit()));
        }

        var p = Median(parseTimes);
        var a = Median(auditTimes);
        Console.WriteLine($"{label}: parse {p:F2} s, audit {a:F2} s ({findings:N0} findings), ratio {a / p:F2} (target <= 1.5)");
    }

    Console.WriteLine($"Peak working set of the file benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB (target < 300 MB)");
    using var live = Process.Start(new ProcessStartInfo(Environment.ProcessPath!)
    {
        ArgumentList = { typeof(DeploymentGenerator).Assembly.Location, count.ToString(CultureInfo.InvariantCulture), "1", "live" },
        UseShellExecute = false,
    })!;
    live.WaitForExit();
}
finally
{
    Directory.Delete(work, recursive: true);
}

static long ParseOnly(string[] paths)
{
    long events = 0;
    foreach (var path in paths)
    {
        using var reader = new StreamReader(path);
        var parser = new Parser(reader);
        while (parser.MoveNext())
        {
            events++;
        }
    }

    return events;
}

static long Audit(string path)
{
    var scanner = new PodThreatScanner(new PodThreatScanOptions());
    long findings = 0;
    foreach (var result in ManifestFileSource.ReadPaths([path]))
    {
        foreach (var scanEvent in scanner.Audit(result))
        {
            if (scanEvent is FindingEvent)
            {
                findings++;
            }
            else if (scanEvent is ProblemEvent problem)
            {
                throw problem.Problem.Exception;
            }
        }
    }

    return findings + scanner.Complete().Count();
}

static void Live(int count)
{
    using var server = new KubernetesTestApiServer();
    for (var i = 0; i < count; i++)
    {
        server.Add("v1", "Pod", "pods", KubernetesJson.Serialize(LivePod(i)));
    }

    GC.Collect();
    Console.WriteLine($"Test API server loaded with {count:N0} pods: working set {Process.GetCurrentProcess().WorkingSet64 / 1024.0 / 1024.0:F0} MB, peak so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
    var directory = Directory.CreateTempSubdirectory("podthreat-live-").FullName;
    try
    {
        using var connection = ClusterConnection.Connect(new ClusterConnectionOptions { KubeConfigPath = server.WriteKubeConfig(directory) });
        var stopwatch = Stopwatch.StartNew();
        var scanner = new PodThreatScanner(new PodThreatScanOptions());
        long findings = 0;
        Task.Run(async () =>
        {
            await foreach (var result in ClusterObjectSource.ReadAsync(connection, ClusterResource.PodWorkloads, new ClusterScope(null, PageSize: 500)))
            {
                findings += scanner.Audit(result).Count(e => e is FindingEvent);
            }

            findings += scanner.Complete().Count();
        }).GetAwaiter().GetResult();
        Console.WriteLine($"Live: {scanner.WorkloadCount:N0} pods in pages of 500 audited in {stopwatch.Elapsed.TotalSeconds:F2} s ({findings:N0} findings, {server.Requests.Count} requests)");
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }
}

static V1Pod LivePod(int index) => new()
{
    Metadata = new V1ObjectMeta
    {
        Name = $"pod-{index}",
        NamespaceProperty = $"team-{index % 20}",
        Labels = new Dictionary<string, string> { ["app"] = $"app-{index % 50}", ["tier"] = index % 3 == 0 ? "frontend" : "backend" },
    },
    Spec = new V1PodSpec
    {
        ServiceAccountName = index % 4 == 0 ? null : $"app-{index % 50}",
        HostNetwork = index % 17 == 0,
        SecurityContext = index % 2 == 0 ? new V1PodSecurityContext { RunAsNonRoot = true, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } } : null,
        Containers =
        [
            new V1Container
            {
                Name = "app",
                Image = index % 5 == 0 ? "registry.example.com/app:latest" : $"registry.example.com/app:1.{index % 30}",
                Env = [new V1EnvVar { Name = "DB_PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } } }],
                Resources = new V1ResourceRequirements
                {
                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                    Limits = index % 3 == 0 ? null : new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("512Mi") },
                },
                SecurityContext = new V1SecurityContext
                {
                    Privileged = index % 11 == 0,
                    AllowPrivilegeEscalation = index % 2 == 0 ? false : null,
                    Capabilities = new V1Capabilities { Drop = index % 2 == 0 ? ["ALL"] : null },
                },
            },
        ],
    },
};

static double Time(Action action)
{
    GC.Collect();
    var stopwatch = Stopwatch.StartNew();
    action();
    return stopwatch.Elapsed.TotalSeconds;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
