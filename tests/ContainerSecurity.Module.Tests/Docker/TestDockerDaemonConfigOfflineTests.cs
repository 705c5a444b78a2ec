using ContainerSecurity.Tests.Shared;
using static ContainerSecurity.Module.Tests.Docker.DaemonFindings;

namespace ContainerSecurity.Module.Tests.Docker;

/// <summary>Offline audits through the cmdlets: a daemon.json, flags, and a host tree with real owners and modes.</summary>
public sealed class TestDockerDaemonConfigOfflineTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly TestHostTree _tree = new();

    public void Dispose()
    {
        _session.Dispose();
        _tree.Dispose();
    }

    private Dictionary<string, object?> Variables => new() { ["root"] = _tree.Root };

    [Fact]
    public void File_checks_run_under_the_root_with_real_ownership_and_give_the_command_that_fixes_them()
    {
        if (!TestHostTree.CanChown)
        {
            Assert.False(TestDockerDaemon.IsCi, "CI=true: ownership tests need root.");
            return;
        }

        _tree.Folder("/etc/docker", "0755");
        _tree.Write("/etc/docker/daemon.json", "{ \"tlsverify\": true, \"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2376\"], \"tlscacert\": \"/etc/docker/tls/ca.pem\" }", "0666");
        _tree.Write("/etc/docker/tls/ca.pem", "-----BEGIN CERTIFICATE-----", "0644", uid: 1000);
        _tree.Link("/var/run", "/run");
        _tree.Socket("/run/docker.sock", "0660", 0, 999);

        var findings = _session.Invoke("Test-DockerDaemonConfig -Root $root -Section 3", Variables);

        AssertStatuses(findings, ("DF005", "Pass"), ("DF006", "Pass"), ("DF009", "Fail"), ("DF010", "Fail"), ("DF017", "Pass"), ("DF018", "Fail"), ("DF015", "Pass"), ("DF016", "Pass"), ("DF021", "NotApplicable"));
        Assert.Equal("sudo chmod 644 /etc/docker/daemon.json", Single(findings, "DF018").Properties["Remediation"].Value);
        Assert.Equal("sudo chown root:root /etc/docker/tls/ca.pem", Single(findings, "DF009").Properties["Remediation"].Value);
        Assert.Contains("mallory:root", Message(findings, "DF009"), StringComparison.Ordinal);
        Assert.All(findings, f => Assert.StartsWith("3.", ((string[])f.Properties["Cis"].Value)[0], StringComparison.Ordinal));
    }

    [Fact]
    public void Quiet_returns_true_only_when_nothing_failed()
    {
        var good = _tree.Write("/good.json", "{ \"icc\": false }");
        var bad = _tree.Write("/bad.json", "{ \"icc\": true }");

        var passed = _session.Invoke("Test-DockerDaemonConfig -Path $good -Id DD002 -Quiet", new Dictionary<string, object?> { ["good"] = good });
        var failed = _session.Invoke("Test-DockerDaemonConfig -Path $bad -Id DD002 -Quiet", new Dictionary<string, object?> { ["bad"] = bad });

        Assert.True((bool)Assert.Single(passed).BaseObject);
        Assert.False((bool)Assert.Single(failed).BaseObject);
    }

    [Fact]
    public void Malformed_json_is_an_error_naming_file_line_and_column_and_the_other_checks_still_report()
    {
        var path = _tree.Write("/daemon.json", "{\n  \"icc\": false,\n  \"log-level\": \"info\"\n  \"debug\": true\n}");

        var (output, errors) = _session.Run("Test-DockerDaemonConfig -Path $path -Section 2", new Dictionary<string, object?> { ["path"] = path });

        var error = Assert.Single(errors);
        Assert.Equal("InvalidDaemonConfig,ContainerSecurity.Commands.Docker.TestDockerDaemonConfigCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith($"{path}:4:3: invalid JSON", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(18, output.Count);
    }

    [Fact]
    public void Unknown_keys_are_reported_as_dockerd_rejects_them()
    {
        var path = _tree.Write("/daemon.json", "{\n  \"icc\": false,\n  \"no-new-privilege\": true\n}");

        var (output, errors) = _session.Run("Test-DockerDaemonConfig -Path $path -Id DD002, DD014", new Dictionary<string, object?> { ["path"] = path });

        var error = Assert.Single(errors);
        Assert.StartsWith("UnknownDaemonConfigKey,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(":3:3: the following directives don't match any configuration option: no-new-privilege", error.ToString(), StringComparison.Ordinal);
        AssertStatuses(output, ("DD002", "Pass"), ("DD014", "Fail"));
    }

    [Fact]
    public void A_directory_as_path_is_an_error_and_a_flag_given_twice_is_a_conflict()
    {
        var directory = _tree.Folder("/etc/docker");
        var file = _tree.Write("/etc/docker/daemon.json", "{ \"icc\": true }");

        var (output, errors) = _session.Run("Test-DockerDaemonConfig -Path $directory -Id DD002", new Dictionary<string, object?> { ["directory"] = directory });
        var (_, conflicts) = _session.Run("Test-DockerDaemonConfig -Path $file -DaemonArgument '--icc=false' -Id DD002", new Dictionary<string, object?> { ["file"] = file });

        Assert.StartsWith("DaemonConfigIsDirectory,", Assert.Single(errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(directory, errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("Fail", Status(output, "DD002"));
        Assert.StartsWith("DaemonConfigConflict,", Assert.Single(conflicts).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_and_Id_filters_select_by_CIS_id_and_rule_id()
    {
        var results = _session.Invoke("Test-DockerDaemonConfig -Root $root -Section 2.7, 4.5, 1.1.2", Variables);
        var wildcard = _session.Invoke("Test-DockerDaemonConfig -Root $root -Id 'DF01*'", Variables);

        Assert.Equal(["DD007", "DD019", "DD020"], results.Select(r => (string)r.Properties["RuleId"].Value).Order(StringComparer.Ordinal));
        Assert.All(wildcard, r => Assert.StartsWith("DF01", (string)r.Properties["RuleId"].Value, StringComparison.Ordinal));
    }

    [Fact]
    public void A_daemon_json_binds_from_the_pipeline_by_PSPath()
    {
        var path = _tree.Write("/daemon.json", "{ \"userland-proxy\": false }");

        var findings = _session.Invoke("[pscustomobject]@{ PSPath = $path } | Test-DockerDaemonConfig -Id DD016", new Dictionary<string, object?> { ["path"] = path });

        Assert.Equal("Pass", Status(findings, "DD016"));
    }

    [Fact]
    public void Results_render_as_the_finding_table_in_the_shell()
    {
        var path = _tree.Write("/daemon.json", "{ \"icc\": true }");

        var (exitCode, output, error) = ShellOutput.Run($"Test-DockerDaemonConfig -Path '{path}' -Id DD002");

        Assert.Equal((0, string.Empty), (exitCode, error));
        Assert.Matches(@"Status\s+Severity\s+RuleId\s+Target\s+Message", output);
        Assert.Matches(@"Fail\s+Medium\s+DD002", output);
    }

    [Fact]
    public void A_filter_that_selects_no_check_is_an_error_rather_than_a_silent_pass()
    {
        var path = _tree.Write("/daemon.json", "{}");

        var (output, errors) = _session.Run("Test-DockerDaemonConfig -Path $path -Section 9 -Quiet", new Dictionary<string, object?> { ["path"] = path });

        Assert.Empty(output);
        Assert.Equal("NoDaemonCheckSelected,ContainerSecurity.Commands.Docker.TestDockerDaemonConfigCommand", Assert.Single(errors).FullyQualifiedErrorId);
    }
}
