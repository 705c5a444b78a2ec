using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Containers;

/// <summary>
/// Verdicts on a real dockerd that were wrong live while right offline: the truth is what docker inspect and the
/// kernel (/proc/1/status inside the container) say, and the live audit must agree with the offline one.
/// </summary>
public sealed class LiveVerdictTests
{
    [Fact]
    public async Task RestartPolicyIsReadLiveAsDockerInspectShowsIt()
    {
        using var daemon = TestDockerDaemon.StartOrSkip();
        if (daemon is null)
        {
            return;
        }

        var image = daemon.ImportBusyboxImage();
        daemon.Docker("create", "--name", "always", "--restart", "always", image);
        daemon.Docker("create", "--name", "stopped", "--restart", "unless-stopped", image);
        daemon.Docker("create", "--name", "bounded", "--restart", "on-failure:3", image);
        daemon.Docker("create", "--name", "endless", "--restart", "on-failure", image);
        daemon.Docker("create", "--name", "none", image);
        Assert.Equal("always", daemon.Docker("inspect", "--format", "{{.HostConfig.RestartPolicy.Name}}", "always"));

        var live = await ScanLiveAsync(daemon, "DC015");
        var offline = ScanInspectOutput(daemon, "DC015", "always", "stopped", "bounded", "endless", "none");

        foreach (var findings in new[] { live, offline })
        {
            Assert.Equal(FindingStatus.Fail, Single(findings, "always").Status);
            Assert.Equal("always", Single(findings, "always").Evidence!.Observed);
            Assert.Equal("unless-stopped", Single(findings, "stopped").Evidence!.Observed);
            Assert.Equal(FindingStatus.Pass, Single(findings, "bounded").Status);
            Assert.Equal("on-failure:3", Single(findings, "bounded").Evidence!.Observed);
            Assert.Equal(FindingStatus.Fail, Single(findings, "endless").Status);
            Assert.Equal(FindingStatus.Pass, Single(findings, "none").Status);
            Assert.Equal("no", Single(findings, "none").Evidence!.Observed);
        }
    }

    [Fact]
    public async Task TheDaemonsNoNewPrivilegesDefaultCountsForContainersThatDoNotSetIt()
    {
        using var daemon = TestDockerDaemon.StartOrSkip("{}", "--no-new-privileges");
        if (daemon is null)
        {
            return;
        }

        var image = daemon.ImportBusyboxImage();
        daemon.Docker("run", "-d", "--name", "inherits", image);
        daemon.Docker("run", "-d", "--name", "optout", "--security-opt", "no-new-privileges=false", image);

        // The kernel's word: the daemon default sets the flag on the container's process, an explicit false clears it.
        Assert.Contains("NoNewPrivs:\t1", daemon.Docker("exec", "inherits", "cat", "/proc/1/status"), StringComparison.Ordinal);
        Assert.Contains("NoNewPrivs:\t0", daemon.Docker("exec", "optout", "cat", "/proc/1/status"), StringComparison.Ordinal);

        var findings = await ScanLiveAsync(daemon, "DC025");
        var inherits = Single(findings, "inherits");
        Assert.Equal(FindingStatus.Pass, inherits.Status);
        Assert.Contains($"/proc/{daemon.DaemonProcessId}/cmdline", inherits.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Fail, Single(findings, "optout").Status);
    }

    [Fact]
    public async Task WithoutTheDaemonDefaultAContainerThatDoesNotSetNoNewPrivilegesFails()
    {
        using var daemon = TestDockerDaemon.StartOrSkip();
        if (daemon is null)
        {
            return;
        }

        var image = daemon.ImportBusyboxImage();
        daemon.Docker("run", "-d", "--name", "plain", image);
        daemon.Docker("run", "-d", "--name", "opted", "--security-opt", "no-new-privileges", image);
        Assert.Contains("NoNewPrivs:\t0", daemon.Docker("exec", "plain", "cat", "/proc/1/status"), StringComparison.Ordinal);

        var findings = await ScanLiveAsync(daemon, "DC025");
        var plain = Single(findings, "plain");
        Assert.Equal(FindingStatus.Fail, plain.Status);
        Assert.Contains("no-new-privileges: not set → default false", plain.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Pass, Single(findings, "opted").Status);
    }

    private static Finding Single(IEnumerable<Finding> findings, string container) => Assert.Single(findings, f => f.Target.Name == container);

    private static async Task<List<Finding>> ScanLiveAsync(TestDockerDaemon daemon, string ruleId)
    {
        using var api = DockerConnection.Open(new() { Host = daemon.Endpoint });
        var containers = await api.ListContainersAsync(all: true, null, CancellationToken.None);
        var options = new ContainerScanOptions { IncludePassed = true, RuleIds = new HashSet<string> { ruleId } };
        var findings = new List<Finding>();
        await foreach (var scanEvent in ContainerScanner.ScanLiveAsync(api, containers, options, CancellationToken.None))
        {
            Assert.IsNotType<ProblemEvent>(scanEvent);
            if (scanEvent is FindingEvent { Finding: var finding })
            {
                findings.Add(finding);
            }
        }

        return findings;
    }

    private static List<Finding> ScanInspectOutput(TestDockerDaemon daemon, string ruleId, params string[] containers)
    {
        var path = Path.Join(daemon.Directory, "inspect.json");
        File.WriteAllText(path, daemon.Docker(["inspect", .. containers]));
        var options = new ContainerScanOptions { IncludePassed = true, RuleIds = new HashSet<string> { ruleId } };
        return ContainerScanner.ScanInspectFile(path, options, CancellationToken.None).OfType<FindingEvent>().Select(e => e.Finding).ToList();
    }
}
