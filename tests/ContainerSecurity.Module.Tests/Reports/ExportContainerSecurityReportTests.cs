using System.Management.Automation;
using System.Text.Json;
using System.Xml.Linq;

namespace ContainerSecurity.Module.Tests.Reports;

public sealed class ExportContainerSecurityReportTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cs-report-");

    public void Dispose()
    {
        _session.Dispose();
        _directory.Delete(recursive: true);
    }

    private string PathOf(string name) => Path.Join(_directory.FullName, name);

    private void Export(string arguments, string name) =>
        _session.Invoke(ReportScripts.MakeFindings + $"$null = $ExecutionContext.SessionState.Path.SetLocation($root); $findings | Export-ContainerSecurityReport {arguments}",
            new Dictionary<string, object?> { ["out"] = PathOf(name), ["root"] = _directory.FullName });

    [Fact]
    public void SARIF_is_inferred_from_the_extension_with_paths_relative_to_the_current_location()
    {
        Export("-Path $out", "scan.sarif");

        using var json = JsonDocument.Parse(File.ReadAllText(PathOf("scan.sarif")));
        var run = json.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", json.RootElement.GetProperty("version").GetString());
        Assert.Equal(new Uri(_directory.FullName + "/").AbsoluteUri, run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());
        Assert.Equal(5, run.GetProperty("results").GetArrayLength());
        Assert.Equal("0.1.0", run.GetProperty("tool").GetProperty("driver").GetProperty("semanticVersion").GetString());
    }

    [Fact]
    public void JUnit_parses_back_with_one_test_case_per_rule_and_target()
    {
        Export("-Path $out", "junit.xml");

        var xml = XDocument.Load(PathOf("junit.xml"));
        Assert.Equal(5, xml.Descendants("testcase").Count());
        Assert.Equal("2", xml.Root!.Attribute("failures")!.Value);
        Assert.Contains("Remediation: Fix KP016.", xml.Descendants("failure").Select(f => f.Value).Single(v => v.StartsWith("KP016", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void CSV_reads_back_one_row_per_finding()
    {
        Export("-Path $out -Format Csv", "findings.txt");

        var lines = File.ReadAllLines(PathOf("findings.txt"));
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("RuleId,Title,Status,Severity", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_says_no_format_is_an_error_naming_the_choices()
    {
        var error = (ErrorRecord)Assert.Single(_session.Invoke("try { Export-ContainerSecurityReport -Path $out } catch { $_ }", new Dictionary<string, object?> { ["out"] = PathOf("report.txt") })).BaseObject;

        Assert.Equal("ReportFormatNotInferred,ContainerSecurity.Commands.ExportContainerSecurityReportCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-Format Sarif, JUnit or Csv", error.Exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("report.txt")));
    }
}
