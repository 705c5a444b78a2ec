using System.Xml.Linq;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

public sealed class JUnitReportWriterTests
{
    private static XDocument Write(IReadOnlyList<Finding> findings)
    {
        using var stream = new MemoryStream();
        JUnitReportWriter.Write(findings, stream, "ContainerSecurity", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        stream.Position = 0;
        return XDocument.Load(stream);
    }

    [Fact]
    public void It_parses_back_with_one_test_case_per_rule_and_target()
    {
        // The same rule × target reported twice (two fields of one container) is one test case, failed.
        var twice = ReportFindings.PodFail();
        var findings = new[] { twice, twice, ReportFindings.PodPass(), ReportFindings.PodWaived(), ReportFindings.DaemonPass(), ReportFindings.ContainerFail(), ReportFindings.ClusterError() };

        var xml = Write(findings);

        var cases = xml.Descendants("testcase").ToList();
        Assert.Equal(6, cases.Count);
        Assert.Equal(cases.Count, cases.Select(c => (c.Attribute("classname")!.Value, c.Attribute("name")!.Value)).Distinct().Count());
        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("6", "2", "1", "1"), (root.Attribute("tests")!.Value, root.Attribute("failures")!.Value, root.Attribute("errors")!.Value, root.Attribute("skipped")!.Value));
        Assert.Equal(["DC005", "DD003", "KP001", "KR001"], xml.Descendants("testsuite").Select(s => s.Attribute("name")!.Value[..5]));
    }

    [Fact]
    public void Failures_carry_evidence_and_remediation_and_waivers_skip()
    {
        var xml = Write([ReportFindings.PodFail(), ReportFindings.PodWaived()]);

        var failed = xml.Descendants("testcase").Single(c => c.Element("failure") is not null);
        Assert.Equal("ContainerSecurity.Kubernetes.KP001", failed.Attribute("classname")!.Value);
        Assert.Equal("k8s/web.yaml:7 shop/Deployment/web[nginx]", failed.Attribute("name")!.Value);
        Assert.Equal("7", failed.Attribute("line")!.Value);
        var failure = failed.Element("failure")!;
        Assert.Equal("NET_RAW is not dropped", failure.Attribute("message")!.Value);
        Assert.Contains("Observed: capabilities.drop: (unset)", failure.Value, StringComparison.Ordinal);
        Assert.Contains("Expected: drop contains ALL or NET_RAW", failure.Value, StringComparison.Ordinal);
        Assert.Contains("Remediation: ", failure.Value, StringComparison.Ordinal);
        var skipped = xml.Descendants("skipped").Single();
        Assert.StartsWith("Waived: needs ping", skipped.Attribute("message")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_and_control_characters_in_names_stay_well_formed()
    {
        var xml = Write([ReportFindings.PodFail(ReportFindings.HostileWorkload + "\u0001]]>")]);

        Assert.Contains("<script>document.title='pwned'</script>\uFFFD]]>", xml.Descendants("testcase").Single().Attribute("name")!.Value, StringComparison.Ordinal);
    }
}
