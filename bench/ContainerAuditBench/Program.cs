using System.Diagnostics;
using System.Globalization;
using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Tests.Shared;

// Container audit benchmark. Starts a private dockerd, runs N containers (default 200) from a locally imported image,
// and measures, in one run on the same daemon:
//   baseline  - listing and inspecting every container concurrently, no rules (the API floor);
//   audit     - the Get-ContainerThreat engine scan (inspect + every DC rule), ThrottleLimit 16, and the same with
//               -ListProcesses (GET /top per container, where dockerd runs ps over the host each time);
//   peer      - docker-bench-security's container section (-c container_runtime), only when the environment variable
//               DOCKER_BENCH_SECURITY names its docker-bench-security.sh (never shipped with this repository).
// Prints medians, the ratios audit/baseline and peer/audit, and the process's peak working set.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
const int Rounds = 5;

using var daemon = TestDockerDaemon.StartOrSkip() ?? throw new InvalidOperationException("dockerd is not available.");
var image = daemon.ImportBusyboxImage();
Console.WriteLine($"Starting {count} containers on {daemon.Endpoint} ...");
var created = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, (i, _) =>
{
    // A mix of settings, so that rules see both passing and failing containers.
    string[] options = (i % 4) switch
    {
        0 => ["--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "-m", "32m", "--pids-limit", "32"],
        1 => ["-e", "DB_PASSWORD=bench-secret-" + i, "--cap-add", "NET_ADMIN"],
        2 => ["--restart", "unless-stopped", "--cpu-shares", "256"],
        _ => ["--health-cmd", "true", "--label", "tier=web"],
    };
    daemon.Docker(["run", "-d", "--name", $"bench{i:D3}", .. options, image]);
    return ValueTask.CompletedTask;
});
Console.WriteLine($"Started in {created.Elapsed.TotalSeconds:0.0} s.");

using var api = DockerConnection.Open(new() { Host = daemon.Endpoint });
await api.PingAsync(CancellationToken.None);

async Task<(TimeSpan Time, int Items)> Baseline()
{
    var watch = Stopwatch.StartNew();
    var listed = await api.ListContainersAsync(all: false, null, CancellationToken.None);
    await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, token) => await api.InspectContainerAsync(c.Id, token));
    return (watch.Elapsed, listed.Count);
}

async Task<(TimeSpan Time, int Items)> Audit(bool listProcesses)
{
    var watch = Stopwatch.StartNew();
    var listed = await api.ListContainersAsync(all: false, null, CancellationToken.None);
    var findings = 0;
    await foreach (var scanEvent in ContainerScanner.ScanLiveAsync(api, listed, new ContainerScanOptions { ThrottleLimit = 16, ListProcesses = listProcesses }, CancellationToken.None))
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

    return (watch.Elapsed, findings);
}

// Warm-up (JIT, connection pool), then medians of the measured rounds.
await Baseline();
await Audit(false);
var baseline = Median(await Repeat(Baseline));
var audit = Median(await Repeat(() => Audit(false)));
var withProcesses = Median(await Repeat(() => Audit(true)));
Console.WriteLine($"baseline (list + inspect {baseline.Items} containers): {baseline.Time.TotalMilliseconds:0} ms");
Console.WriteLine($"audit    ({audit.Items} findings over {count} containers): {audit.Time.TotalMilliseconds:0} ms  ratio audit/baseline {audit.Time / baseline.Time:0.00}");
Console.WriteLine($"audit -ListProcesses (GET /top for each container): {withProcesses.Time.TotalMilliseconds:0} ms");

var peer = Environment.GetEnvironmentVariable("DOCKER_BENCH_SECURITY");
if (!string.IsNullOrEmpty(peer) && File.Exists(peer))
{
    var start = new ProcessStartInfo("sh") { WorkingDirectory = Path.GetDirectoryName(peer)!, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { peer, "-c", "container_runtime", "-l", Path.Join(daemon.Directory, "dbs.log") })
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["DOCKER_HOST"] = daemon.Endpoint;
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    _ = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var peerTime = watch.Elapsed;
    var warnings = (await output).Split('\n').Count(l => l.Contains("[WARN]", StringComparison.Ordinal));
    Console.WriteLine($"docker-bench-security container_runtime: {peerTime.TotalSeconds:0.0} s ({warnings} WARN lines, exit {process.ExitCode})  ratio peer/audit {peerTime / audit.Time:0}x, peer/audit -ListProcesses {peerTime / withProcesses.Time:0}x");
}
else
{
    Console.WriteLine("docker-bench-security: skipped (set DOCKER_BENCH_SECURITY to the path of docker-bench-security.sh)");
}

Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");

static async Task<List<(TimeSpan Time, int Items)>> Repeat(Func<Task<(TimeSpan Time, int Items)>> measure)
{
    var results = new List<(TimeSpan, int)>();
    for (var i = 0; i < Rounds; i++)
    {
        results.Add(await measure());
    }

    return results;
}

static (TimeSpan Time, int Items) Median(List<(TimeSpan Time, int Items)> results) => results.OrderBy(r => r.Time).ElementAt(results.Count / 2);
