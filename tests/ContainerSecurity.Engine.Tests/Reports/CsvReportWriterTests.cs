using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

public sealed class CsvReportWriterTests
{
    [Fact]
    public void One_row_per_finding_with_quoting_where_needed()
    {
        using var writer = new StringWriter();
        CsvReportWriter.Write([ReportFindings.PodFail(), ReportFindings.PodWaived()], writer);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("RuleId,Title,Status,Severity,Stride,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("KP001,Container does not drop the NET_RAW capability,Fail,High,Spoofing,Kubernetes,Pod,k8s/web.yaml:7 shop/Deployment/web[nginx],k8s/web.yaml,7,9,shop,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",True,needs ping,2030-01-01,", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public void Cells_are_quoted_and_formulas_defused(string value, string expected) => Assert.Equal(expected, CsvReportWriter.Quote(value));
}
