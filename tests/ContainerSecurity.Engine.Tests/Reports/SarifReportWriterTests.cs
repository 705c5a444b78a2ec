using System.Text;
using System.Text.Json;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Reports;
using ContainerSecurity.Tests.Shared;
using NJsonSchema;

namespace ContainerSecurity.Engine.Tests.Reports;

public sealed class SarifReportWriterTests
{
    private static readonly Lazy<JsonSchema> s_schema = new(() =>
        JsonSchema.FromFileAsync(Path.Join(TestPaths.Fixtures, "reports", "sarif-schema", "sarif-2.1.0-rtm.5.json")).GetAwaiter().GetResult());

    private static string Write(IReadOnlyList<Finding> findings, string? root = "/work/repo")
    {
        using var stream = new MemoryStream();
        SarifReportWriter.Write(findings, RuleCatalog.Default, stream, root, "0.1.0");
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Finding[] Mixed() =>
    [
        ReportFindings.PodFail(), ReportFindings.PodPass(), ReportFindings.PodWaived(), ReportFindings.DaemonPass(),
        ReportFindings.ContainerFail(), ReportFindings.ClusterError(),
        FindingFactory(ReportFindings.HostileWorkload),
    ];

    private static Finding FindingFactory(string name) => ContainerSecurity.Engine.Findings.FindingFactory.Create(
        "DI002", FindingStatus.Warn, new FindingTarget { File = "/work/repo/images/web app/Dockerfile", Line = 1, Column = 1, Name = name, Kind = "Dockerfile" }, "FROM uses latest");

    [Fact]
    public void The_log_validates_against_the_SARIF_2_1_0_schema()
    {
        var errors = s_schema.Value.Validate(Write(Mixed()));

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void The_schema_check_is_real_it_rejects_a_broken_log()
    {
        var broken = Write(Mixed()).Replace("\"version\": \"2.1.0\"", "\"version\": \"2.0\"", StringComparison.Ordinal)
            .Replace("\"kind\": \"fail\"", "\"kind\": \"failed\"", StringComparison.Ordinal);

        Assert.NotEmpty(s_schema.Value.Validate(broken));
    }

    [Fact]
    public void An_empty_log_is_valid_too()
    {
        Assert.Empty(s_schema.Value.Validate(Write([])));
    }

    [Fact]
    public void File_findings_get_a_physical_location_relative_to_the_source_root()
    {
        using var json = JsonDocument.Parse(Write(Mixed()));
        var run = json.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();

        var pod = results.First(r => r.GetProperty("ruleId").GetString() == "KP001" && r.GetProperty("kind").GetString() == "fail");
        var physical = pod.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("k8s/web.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(7, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(9, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal("error", pod.GetProperty("level").GetString());
        Assert.Equal("file:///work/repo/", run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());

        var dockerfile = results.Single(r => r.GetProperty("ruleId").GetString() == "DI002");
        Assert.Equal("images/web%20app/Dockerfile", dockerfile.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("warning", dockerfile.GetProperty("level").GetString());
    }

    [Fact]
    public void Live_objects_and_hosts_get_logical_locations()
    {
        using var json = JsonDocument.Parse(Write(Mixed()));
        var results = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

        var container = results.Single(r => r.GetProperty("ruleId").GetString() == "DC005").GetProperty("locations")[0];
        Assert.False(container.TryGetProperty("physicalLocation", out _));
        Assert.Equal("Container/db", container.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        var daemon = results.Single(r => r.GetProperty("ruleId").GetString() == "DD003");
        Assert.Equal("host", daemon.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("kind").GetString());
        Assert.Equal("pass", daemon.GetProperty("kind").GetString());
        Assert.Equal("none", daemon.GetProperty("level").GetString());
        Assert.Equal("open", results.Single(r => r.GetProperty("ruleId").GetString() == "KR001").GetProperty("kind").GetString());
    }

    [Fact]
    public void Rules_carry_help_text_snippets_and_a_security_severity()
    {
        using var json = JsonDocument.Parse(Write(Mixed()));
        var rules = json.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();

        Assert.Equal(["DC005", "DD003", "DI002", "KP001", "KR001"], rules.Select(r => r.GetProperty("id").GetString()));
        var kp001 = rules.Single(r => r.GetProperty("id").GetString() == "KP001");
        Assert.StartsWith(RuleCatalog.Default["KP001"].Remediation, kp001.GetProperty("help").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("```yaml", kp001.GetProperty("help").GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Equal("8.0", kp001.GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.Contains("Spoofing", kp001.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("9.5", rules.Single(r => r.GetProperty("id").GetString() == "DC005").GetProperty("properties").GetProperty("security-severity").GetString());
    }

    [Fact]
    public void Waived_findings_are_suppressed_with_the_reason_and_fingerprints_are_stable()
    {
        var first = Write(Mixed());
        using var json = JsonDocument.Parse(first);
        var results = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

        var waived = results.Single(r => r.TryGetProperty("suppressions", out _));
        Assert.Equal("accepted", waived.GetProperty("suppressions")[0].GetProperty("status").GetString());
        Assert.StartsWith("needs ping", waived.GetProperty("suppressions")[0].GetProperty("justification").GetString(), StringComparison.Ordinal);
        var prints = results.Select(r => r.GetProperty("partialFingerprints").GetProperty("containerSecurity/v1").GetString()).ToList();
        Assert.Equal(prints.Count, prints.Distinct().Count());
        Assert.Equal(first, Write(Mixed()));
    }

    [Fact]
    public void Files_outside_the_root_get_absolute_file_URIs()
    {
        Assert.Equal(("file:///etc/docker/daemon.json", false), SarifReportWriter.ArtifactUri("/etc/docker/daemon.json", "/work/repo/"));
        Assert.Equal(("k8s/a%23b.yaml", true), SarifReportWriter.ArtifactUri("k8s/a#b.yaml", "/work/repo/"));
    }
}
