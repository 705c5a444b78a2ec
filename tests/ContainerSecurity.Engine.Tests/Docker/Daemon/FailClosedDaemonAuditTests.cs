using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

/// <summary>A daemon audit never reports clean what it could not look at: a missing root, a daemon that does not answer.</summary>
public sealed class FailClosedDaemonAuditTests
{
    [Fact]
    public void A_root_that_does_not_exist_stops_the_audit_instead_of_finding_nothing_to_check()
    {
        var missing = Path.Join(Path.GetTempPath(), "cs-missing-" + Guid.NewGuid().ToString("N"));

        var exception = Assert.Throws<DirectoryNotFoundException>(() => DaemonAuditRunner.Run(new DaemonAuditOptions { Root = missing }));

        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_answering_daemon_the_checks_that_rest_on_dockerd_defaults_are_errors_naming_the_endpoint()
    {
        using var tree = new TestHostTree();
        tree.Write("/etc/docker/daemon.json", "{ \"log-driver\": \"syslog\" }");
        const string endpoint = "unix:///run/nobody-here.sock";

        var (findings, _) = DaemonAuditRunner.Run(new DaemonAuditOptions { Root = tree.Root, Live = FakeLiveDaemon.Unreachable(endpoint, timedOut: false) });

        // icc, userns, authorization, no-new-privileges, live-restore, userland-proxy: dockerd's defaults fail them, but
        // the daemon's flags are unknown, so no verdict can be given.
        foreach (var ruleId in new[] { "DD002", "DD009", "DD012", "DD014", "DD015", "DD016" })
        {
            var finding = Assert.Single(findings, f => f.RuleId == ruleId);
            Assert.Equal(FindingStatus.Error, finding.Status);
            Assert.StartsWith($"No daemon answered at {endpoint}", finding.Message, StringComparison.Ordinal);
            Assert.Contains("[Fail]", finding.Message, StringComparison.Ordinal);
        }

        // Set in daemon.json: dockerd refuses a flag that repeats it, so the file decides, and says the daemon was silent.
        var logging = Assert.Single(findings, f => f.RuleId == "DD013");
        Assert.Equal(FindingStatus.Pass, logging.Status);
        Assert.Contains("Decided from log-driver as configured alone", logging.Message, StringComparison.Ordinal);
        Assert.Contains("the daemon did not answer", logging.Evidence!.Source, StringComparison.Ordinal);

        // Content trust is read from /etc/environment: the verdict stands, with the note.
        var trust = Assert.Single(findings, f => f.RuleId == "DD019");
        Assert.Equal(FindingStatus.Fail, trust.Status);
        Assert.Contains($"Decided from the host's files alone: No daemon answered at {endpoint}", trust.Message, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Contains(endpoint, f.Message, StringComparison.Ordinal));
    }
}
