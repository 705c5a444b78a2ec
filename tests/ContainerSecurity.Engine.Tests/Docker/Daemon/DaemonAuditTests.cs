using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Engine.Tests.Infrastructure;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

/// <summary>Bad input and failures: nothing crashes, nothing passes silently.</summary>
public sealed class DaemonAuditTests
{
    [Fact]
    public void Malformed_daemon_json_is_an_error_with_its_position_and_every_other_check_still_reports()
    {
        using var tree = new TestHostTree();
        tree.Write("/etc/docker/daemon.json", "{\n  \"icc\": false,\n  \"live-restore\": true,\n}\n");

        var (findings, problems) = DaemonAuditRunner.Run(new DaemonAuditOptions { Root = tree.Root });

        var problem = Assert.Single(problems);
        Assert.Equal("InvalidDaemonConfig", problem.ErrorId);
        Assert.StartsWith("/etc/docker/daemon.json:4:1: invalid JSON", problem.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(DaemonAudit.RuleIds.Distinct().Count(), findings.Select(f => f.RuleId).Distinct().Count());
    }

    [Fact]
    public void A_directory_given_as_daemon_json_is_an_error_and_the_audit_goes_on()
    {
        using var tree = new TestHostTree();
        var directory = tree.Folder("/etc/docker/daemon.json");

        var (findings, problems) = DaemonAuditRunner.Run(new DaemonAuditOptions { Root = tree.Root, ConfigPath = directory });

        Assert.Equal("DaemonConfigIsDirectory", Assert.Single(problems).ErrorId);
        Assert.Contains(directory, problems[0].Exception.Message, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.RuleId == "DD002");
    }

    [Fact]
    public void A_missing_file_named_explicitly_is_an_error_but_a_missing_default_is_not()
    {
        using var tree = new TestHostTree();

        var (_, named) = DaemonAuditRunner.Run(new DaemonAuditOptions { Root = tree.Root, DaemonArguments = ["--config-file=/etc/docker/custom.json"] });
        var (_, unnamed) = DaemonAuditRunner.Run(new DaemonAuditOptions { Root = tree.Root });

        Assert.Equal("DaemonConfigNotFound", Assert.Single(named).ErrorId);
        Assert.Empty(unnamed);
    }

    [Theory]
    [InlineData(false, "DaemonUnreachable", ProblemKind.ConnectionError)]
    [InlineData(true, "DaemonTimeout", ProblemKind.Timeout)]
    public void An_unreachable_daemon_makes_live_checks_errors_naming_the_endpoint_and_offline_checks_still_run(bool timedOut, string errorId, ProblemKind kind)
    {
        using var tree = new TestHostTree();
        tree.Write("/etc/docker/daemon.json", "{ \"icc\": false }");
        const string endpoint = "tcp://10.255.0.1:2376";

        var (findings, problems) = DaemonAuditRunner.Run(new DaemonAuditOptions { Root = tree.Root, Live = FakeLiveDaemon.Unreachable(endpoint, timedOut) });

        var problem = Assert.Single(problems);
        Assert.Equal((errorId, kind, endpoint), (problem.ErrorId, problem.Kind, problem.Target));
        var rootless = Assert.Single(findings, f => f.RuleId == "DD006");
        Assert.Equal(FindingStatus.Error, rootless.Status);
        Assert.Contains(endpoint, rootless.Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.RuleId == "DD002").Status);
    }

    [SkippableFact]
    public void Group_members_are_named_as_the_audited_host_names_them()
    {
        Requires.Root("ownership tests");

        using var tree = new TestHostTree();
        tree.Write("/etc/docker/daemon.json", "{}", "0644", 1000, 1001);

        var (findings, _) = DaemonAuditRunner.Run(new DaemonAuditOptions { Root = tree.Root, IncludeRule = id => id == "DF017" });

        var finding = Assert.Single(findings);
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal("mallory:alice (uid 1000, gid 1001)", finding.Evidence!.Observed);
        Assert.Equal("sudo chown root:root /etc/docker/daemon.json", finding.Remediation);
    }

    [Fact]
    public void A_remote_daemon_without_a_root_does_not_have_this_machines_files_audited_as_its_own()
    {
        var info = System.Text.Json.JsonDocument.Parse("""{ "SecurityOptions": ["name=seccomp,profile=default"], "Driver": "overlay2" }""").RootElement;
        var remote = new FakeLiveDaemon("tcp://docker01:2376", info);

        var (findings, _) = DaemonAuditRunner.Run(new DaemonAuditOptions { Live = remote, AuditHostFiles = false });

        Assert.All(findings.Where(f => f.RuleId.StartsWith("DF", StringComparison.Ordinal) || f.RuleId is "DD019" or "DD020"), f =>
        {
            Assert.Equal(FindingStatus.NotApplicable, f.Status);
            Assert.Contains("-Root", f.Message, StringComparison.Ordinal);
        });
        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.RuleId == "DD006").Status);
    }
}
