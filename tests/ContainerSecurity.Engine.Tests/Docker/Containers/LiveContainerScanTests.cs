using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Engine.Tests.Infrastructure;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Containers;

/// <summary>Container audits against a real dockerd with containers made from a locally imported image.</summary>
public sealed class LiveContainerScanTests
{
    [SkippableFact]
    public async Task RealContainersAreAuditedAndVanishedOnesReported()
    {
        using var daemon = Requires.Dockerd();

        var image = daemon.ImportBusyboxImage();
        daemon.Docker("network", "create", "appnet");
        daemon.Docker("run", "-d", "--name", "loose", "-e", "DB_PASSWORD=hunter2hunter2", "--cap-add", "NET_ADMIN", "--pid", "host", image);
        daemon.Docker("run", "-d", "--name", "tight", "--network", "appnet", "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
            "-m", "64m", "--cpu-shares", "512", "--pids-limit", "64", "--restart", "on-failure:3", "--health-cmd", "true", image);

        // A process named like an SSH server: a script called sshd run by the shell (busybox has no sshd applet).
        daemon.Docker("run", "-d", "--name", "ssh", image, "sh", "-c", "echo 'sleep 3600' > /sshd && exec sh /sshd");
        daemon.Docker("create", "--name", "gone", image);

        using var api = DockerConnection.Open(new() { Host = daemon.Endpoint });
        var containers = await api.ListContainersAsync(all: true, null, CancellationToken.None);
        Assert.Equal(4, containers.Count);
        daemon.Docker("rm", "gone");

        var events = new List<ScanEvent>();
        await foreach (var scanEvent in ContainerScanner.ScanLiveAsync(api, containers, new ContainerScanOptions { IncludePassed = true, ThrottleLimit = 3, ListProcesses = true }, CancellationToken.None))
        {
            events.Add(scanEvent);
        }

        var findings = events.OfType<FindingEvent>().Select(e => e.Finding).ToList();
        bool Failed(string name, string rule) => findings.Any(f => f.Target.Name == name && f.RuleId == rule && f.Status == FindingStatus.Fail);

        Assert.True(Failed("loose", "DC003"));
        Assert.True(Failed("loose", "DC004"));
        Assert.True(Failed("loose", "DC016"));
        Assert.True(Failed("loose", "DC031"));
        Assert.True(Failed("loose", "DC028"));
        Assert.True(Failed("ssh", "DC007"));
        Assert.False(Failed("loose", "DC007"));
        Assert.DoesNotContain(findings, f => f.Target.Name == "tight" && f.Status == FindingStatus.Fail && f.RuleId is "DC003" or "DC011" or "DC012" or "DC013" or "DC015" or "DC025" or "DC026" or "DC027" or "DC028");
        Assert.All(findings, f => Assert.Equal(daemon.Endpoint, f.Target.Host));
        Assert.DoesNotContain(findings, f => (f.Message + f.Evidence).Contains("hunter2", StringComparison.Ordinal));

        var problem = Assert.Single(events.OfType<ProblemEvent>()).Problem;
        Assert.Equal("ContainerGone", problem.ErrorId);
        Assert.Equal("gone", problem.Target);
    }

    [SkippableFact]
    public async Task ADaemonThatStopsMakesEachContainerAConnectionProblem()
    {
        var daemon = Requires.Dockerd();

        IReadOnlyList<DockerContainerSummary> containers;
        using var api = DockerConnection.Open(new() { Host = daemon.Endpoint, Timeout = TimeSpan.FromSeconds(5) });
        using (daemon)
        {
            var image = daemon.ImportBusyboxImage();
            daemon.Docker("create", "--name", "first", image);
            daemon.Docker("create", "--name", "second", image);
            containers = await api.ListContainersAsync(all: true, null, CancellationToken.None);
        }

        var events = new List<ScanEvent>();
        await foreach (var scanEvent in ContainerScanner.ScanLiveAsync(api, containers, new(), CancellationToken.None))
        {
            events.Add(scanEvent);
        }

        var problems = events.OfType<ProblemEvent>().Select(p => p.Problem).ToList();
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(ProblemKind.ConnectionError, p.Kind));
        Assert.Contains(events.OfType<VerboseEvent>(), v => v.Message.Contains("Could not read", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task CancellationEndsAScanPromptly()
    {
        using var daemon = Requires.Dockerd();

        var image = daemon.ImportBusyboxImage();
        for (var i = 0; i < 10; i++)
        {
            daemon.Docker("create", "--name", $"c{i}", image);
        }

        using var api = DockerConnection.Open(new() { Host = daemon.Endpoint });
        var containers = await api.ListContainersAsync(all: true, null, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var scanEvent in ContainerScanner.ScanLiveAsync(api, containers, new() { ThrottleLimit = 1 }, cancellation.Token))
            {
                if (scanEvent is FindingEvent)
                {
                    cancellation.Cancel();
                }
            }
        });
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ADaemonThatFreezesMidScanEndsTheScanWithOneError()
    {
        // Two at a time: the two requests in flight at the freeze time out together, the next one a timeout later,
        // and that third failure in a row stops the scan (the slowest case the streak allows, about two timeouts).
        const int ThrottleLimit = 2;
        using var daemon = TestDockerDaemon.StartOrSkip();
        if (daemon is null)
        {
            return;
        }

        var image = daemon.ImportBusyboxImage();
        const int Total = 10;
        for (var i = 0; i < Total; i++)
        {
            daemon.Docker("create", "--name", $"c{i:00}", image);
        }

        var timeout = TimeSpan.FromSeconds(2);
        using var inner = DockerConnection.Open(new() { Host = daemon.Endpoint, Timeout = timeout });
        var containers = await inner.ListContainersAsync(all: true, null, CancellationToken.None);
        using var api = new FreezingDockerApi(inner, daemon.DaemonProcessId, freezeAfterInspects: 3);
        var events = new List<ScanEvent>();
        try
        {
            await foreach (var scanEvent in ContainerScanner.ScanLiveAsync(api, containers, new() { ThrottleLimit = ThrottleLimit }, CancellationToken.None))
            {
                events.Add(scanEvent);
            }
        }
        finally
        {
            // SIGCONT, so that the daemon can be stopped and cleaned up.
            api.Thaw();
        }

        var afterFreeze = DateTime.UtcNow - api.FrozenAt!.Value;
        var problem = Assert.Single(events.OfType<ProblemEvent>()).Problem;
        Assert.Equal("DockerDaemonStopped", problem.ErrorId);
        Assert.Equal(ProblemKind.Timeout, problem.Kind);
        Assert.Equal(daemon.Endpoint, problem.Target);
        var audited = events.OfType<FindingEvent>().Select(f => f.Finding.Target.Name).Distinct().Count();
        Assert.InRange(audited, 3, Total - 1);
        Assert.Contains($"The Docker daemon at {daemon.Endpoint} stopped answering", problem.Exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{Total - audited} container(s) were not audited", problem.Exception.Message, StringComparison.Ordinal);
        Assert.True(afterFreeze < (2 * timeout) + TimeSpan.FromSeconds(1.5), $"the scan went on for {afterFreeze} after the freeze");
    }

    /// <summary>Passes calls to a real daemon and freezes it (SIGSTOP) once it has answered a number of inspects.</summary>
    private sealed class FreezingDockerApi(IDockerApi inner, int daemonProcessId, int freezeAfterInspects) : IDockerApi
    {
        private int _inspected;

        public DateTime? FrozenAt { get; private set; }

        public DockerEndpoint Endpoint => inner.Endpoint;

        public void Thaw() => _ = Kill(daemonProcessId, SignalContinue);

        public async Task<System.Text.Json.JsonElement> InspectContainerAsync(string idOrName, CancellationToken cancellationToken)
        {
            var document = await inner.InspectContainerAsync(idOrName, cancellationToken);
            if (Interlocked.Increment(ref _inspected) == freezeAfterInspects)
            {
                Assert.Equal(0, Kill(daemonProcessId, SignalStop));
                FrozenAt = DateTime.UtcNow;
            }

            return document;
        }

        public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

        public Task<System.Text.Json.JsonElement> GetVersionAsync(CancellationToken cancellationToken) => inner.GetVersionAsync(cancellationToken);

        public Task<System.Text.Json.JsonElement> GetInfoAsync(CancellationToken cancellationToken) => inner.GetInfoAsync(cancellationToken);

        public Task<System.Text.Json.JsonElement> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken) => inner.InspectNetworkAsync(idOrName, cancellationToken);

        public Task<IReadOnlyList<DockerContainerSummary>> ListContainersAsync(bool all, IReadOnlyList<string>? labelFilters, CancellationToken cancellationToken) =>
            inner.ListContainersAsync(all, labelFilters, cancellationToken);

        public Task<DockerProcessList> ListProcessesAsync(string idOrName, string? psArguments, CancellationToken cancellationToken) =>
            inner.ListProcessesAsync(idOrName, psArguments, cancellationToken);

        public Task<IReadOnlyList<DockerImageSummary>> ListImagesAsync(bool all, CancellationToken cancellationToken) => inner.ListImagesAsync(all, cancellationToken);

        public Task<System.Text.Json.JsonElement> InspectImageAsync(string idOrReference, CancellationToken cancellationToken) => inner.InspectImageAsync(idOrReference, cancellationToken);

        public void Dispose()
        {
        }

        // Linux signal numbers (x64 and arm64); kill(2) directly, so the freeze lands before the next request.
        private const int SignalContinue = 18;
        private const int SignalStop = 19;

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int processId, int signal);
    }
}
