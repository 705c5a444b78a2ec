using System.Management.Automation;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests.Docker;

public sealed class DockerThreatCmdletTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Dockerfile_findings_carry_file_line_and_stage_and_a_bad_line_is_a_non_terminating_error()
    {
        var folder = Directory.CreateTempSubdirectory("csdf").FullName;
        File.WriteAllText(Path.Join(folder, "Dockerfile"), "FROM node AS build\nRUN npm ci\nFROBNICATE\nFROM node:20-slim\nUSER root\nCMD [\"node\", \"app.js\"]\n");
        var (output, errors) = _session.Run("Get-DockerfileThreat -Path $folder", new Dictionary<string, object?> { ["folder"] = folder });

        var error = Assert.Single(errors);
        Assert.Equal("DockerfileSyntaxError,ContainerSecurity.Commands.Docker.GetDockerfileThreatCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Dockerfile:3:1", error.ToString(), StringComparison.Ordinal);
        var findings = output.Select(Row.From).ToList();
        Assert.Contains(findings, f => f.RuleId == "DI002" && f.Line == 1 && f.Name == "build");
        Assert.Contains(findings, f => f.RuleId == "DI001" && f.Line == 5 && f.Status == "Fail");
        Assert.DoesNotContain(findings, f => f.Status == "Pass");
    }

    [Theory]
    [InlineData("Get-ContainerThreat -Path $path -RuleId NOPE*", "GetContainerThreatCommand")]
    [InlineData("Get-DockerfileThreat -Path $path -RuleId DC001", "GetDockerfileThreatCommand")]
    public void A_RuleId_that_selects_no_rule_stops_instead_of_reporting_a_clean_result(string command, string cmdlet)
    {
        var path = Path.Join(TestPaths.RepositoryRoot, "examples", "docker", command.StartsWith("Get-Container", StringComparison.Ordinal) ? "inspect-web.json" : "Dockerfile");

        var (output, errors) = _session.Run(command, new Dictionary<string, object?> { ["path"] = path });

        Assert.Empty(output);
        Assert.Equal($"NoRuleSelected,ContainerSecurity.Commands.Docker.{cmdlet}", Assert.Single(errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Secrets_in_inspected_command_lines_never_reach_the_findings()
    {
        var folder = Directory.CreateTempSubdirectory("csci").FullName;
        var inspect = File.ReadAllText(Path.Join(TestPaths.RepositoryRoot, "examples", "docker", "inspect-web.json"))
            .Replace("\"Path\": \"", "\"Path\": \"postgres --password=hunter2-secret-value ", StringComparison.Ordinal);
        File.WriteAllText(Path.Join(folder, "inspect.json"), inspect);

        var rendered = string.Join("\n", _session.Invoke("Get-ContainerThreat -Path $path -IncludePassed | ForEach-Object { $_.Message; $_.Evidence.Observed }", new Dictionary<string, object?> { ["path"] = Path.Join(folder, "inspect.json") }));

        Assert.Contains("--password=********", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret-value", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_files_are_audited_offline_and_RuleId_narrows_the_rules()
    {
        var file = Path.Join(TestPaths.Fixtures, "docker-containers", "DC005", "fail.json");
        var findings = _session.Invoke("Get-ContainerThreat -Path $file -RuleId DC00* -IncludePassed", new Dictionary<string, object?> { ["file"] = file })
            .Select(Row.From).ToList();
        Assert.All(findings, f => Assert.StartsWith("DC00", f.RuleId, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "DC005" && f.Status == "Fail" && f.File == file);
    }

    [Fact]
    public void An_unreachable_daemon_ends_the_command_with_an_error_naming_the_endpoint()
    {
        // A script statement that hits a terminating error stops; the runspace records the error.
        var (output, errors) = _session.Run("Get-ContainerThreat -DockerHost unix:///nonexistent/docker.sock -TimeoutSec 5; 'after'");
        var error = Assert.Single(errors);
        Assert.Equal("DockerUnreachable,ContainerSecurity.Commands.Docker.GetContainerThreatCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("unix:///nonexistent/docker.sock", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("after", Assert.Single(output).BaseObject);
    }

    [Fact]
    public void Live_containers_are_selected_by_name_from_the_pipeline_and_unknown_names_are_reported()
    {
        using var daemon = TestDockerDaemon.StartOrSkip();
        if (daemon is null)
        {
            return;
        }

        var image = daemon.ImportBusyboxImage();
        daemon.Docker("run", "-d", "--name", "web1", "-e", "API_KEY=abcdefabcdef", image);
        daemon.Docker("run", "-d", "--name", "db1", image);
        daemon.Docker("create", "--name", "stopped1", image);
        var variables = new Dictionary<string, object?> { ["hostAddress"] = daemon.Endpoint };

        var (output, errors) = _session.Run("[pscustomobject]@{ Name = 'web*' }, [pscustomobject]@{ Name = 'nosuch' } | Get-ContainerThreat -DockerHost $hostAddress", variables);
        var findings = output.Select(Row.From).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("web1", f.Name));
        Assert.Contains(findings, f => f.RuleId == "DC031");
        var error = Assert.Single(errors);
        Assert.Equal("ContainerNotFound,ContainerSecurity.Commands.Docker.GetContainerThreatCommand", error.FullyQualifiedErrorId);

        var running = _session.Invoke("Get-ContainerThreat -DockerHost $hostAddress -RuleId DC013", variables).Select(o => Row.From(o).Name).ToHashSet();
        Assert.Equal(["db1", "web1"], running.Order());
        var all = _session.Invoke("Get-ContainerThreat -DockerHost $hostAddress -RuleId DC013 -All", variables).Select(o => Row.From(o).Name).ToHashSet();
        Assert.Contains("stopped1", all);

        var images = _session.Invoke("Get-DockerfileThreat -Image 'cs-test/*' -DockerHost $hostAddress", variables).Select(Row.From).ToList();
        Assert.Contains(images, f => f.RuleId == "DI001" && f.Kind == "Image" && f.Status == "Fail");
        Assert.Contains(images, f => f.RuleId == "DI007");
    }

    [Fact]
    public void Findings_render_in_the_shell()
    {
        var file = Path.Join(TestPaths.Fixtures, "dockerfiles", "DI013", "fail.Dockerfile");
        var (exitCode, output, _) = ShellOutput.Run($"Get-DockerfileThreat -LiteralPath '{file}' | Format-Table RuleId, Severity, Message -AutoSize");
        Assert.Equal(0, exitCode);
        Assert.Contains("DI013", output, StringComparison.Ordinal);
        Assert.Contains("curl … | bash", output, StringComparison.Ordinal);
    }

    /// <summary>A finding as the pipeline sees it (the module tests see the public types through PSObject only).</summary>
    private sealed record Row(string RuleId, string Status, int? Line, string? Name, string? Kind, string? File)
    {
        public static Row From(PSObject finding)
        {
            var target = PSObject.AsPSObject(finding.Properties["Target"].Value);
            return new Row(
                (string)finding.Properties["RuleId"].Value,
                finding.Properties["Status"].Value.ToString()!,
                (int?)target.Properties["Line"].Value,
                (string?)target.Properties["Name"].Value,
                (string?)target.Properties["Kind"].Value,
                (string?)target.Properties["File"].Value);
        }
    }
}
