using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

/// <summary>An offline audit of a mounted host reads the flags its docker.service would start dockerd with.</summary>
public sealed class SystemdUnitCommandLineTests
{
    [Fact]
    public void The_last_ExecStart_of_unit_and_drop_ins_is_read_with_its_environment_expanded()
    {
        using var tree = new TestHostTree();
        tree.Write("/lib/systemd/system/docker.service", "[Unit]\nDescription=Docker\n[Service]\nEnvironmentFile=-/etc/default/docker\nExecStart=/usr/sbin/dockerd -H fd:// $DOCKER_OPTS\n");
        tree.Write("/etc/default/docker", "# options\nDOCKER_OPTS=\"--log-level debug --icc=false\"\n");
        tree.Write("/etc/systemd/system/docker.service.d/10-tcp.conf", "[Service]\nExecStart=\nExecStart=/usr/sbin/dockerd -H fd:// \\\n  -H tcp://0.0.0.0:2375 $DOCKER_OPTS\n");

        var (findings, problems) = DaemonAuditRunner.Run(new DaemonAuditOptions { Root = tree.Root, IncludeRule = id => id is "DD002" or "DD003" or "DD007" });

        Assert.Empty(problems);
        const string origin = "/etc/systemd/system/docker.service.d/10-tcp.conf ExecStart";
        Assert.StartsWith($"log-level: debug (from {origin}: --log-level debug)", Assert.Single(findings, f => f.RuleId == "DD003").Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.RuleId == "DD002").Status);
        var tcp = Assert.Single(findings, f => f.RuleId == "DD007");
        Assert.Equal((FindingStatus.Fail, Severity.Critical), (tcp.Status, tcp.Severity));
        Assert.Contains("tcp://0.0.0.0:2375", tcp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_daemon_json_given_with_Path_is_audited_without_this_machines_unit()
    {
        using var tree = new TestHostTree();
        tree.Write("/lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/sbin/dockerd --log-level debug\n");
        var file = tree.Write("/daemon.json", "{}");

        var (findings, _) = DaemonAuditRunner.Run(new DaemonAuditOptions { Root = tree.Root, ConfigPath = file, IncludeRule = id => id == "DD003" });

        Assert.Equal(FindingStatus.Pass, Assert.Single(findings).Status);
    }
}
