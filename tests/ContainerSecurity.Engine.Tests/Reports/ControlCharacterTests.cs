using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

/// <summary>
/// Raw control characters from the input (ESC sequences, NUL, backspace, the one-byte CSI) never reach a report:
/// a terminal that prints the file would act on them.
/// </summary>
public sealed class ControlCharacterTests
{
    // Clears the screen, sets the window title, backs over a word, then a NUL, DEL and the C1 CSI.
    private const string Hostile = "web\u001b[2J\u001b]0;owned\u0007x\b\b\0\u007f\u009b31m";

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("tab\tline\nreturn\r", "tab\tline\nreturn\r")]
    [InlineData("\u001b[31mred", "\u241b[31mred")]
    [InlineData("a\0b\bc\u007f", "a\u2400b\u2408c\u2421")]
    [InlineData("csi\u009b1m", "csi\uFFFD1m")]
    public void Controls_become_visible_stand_ins(string text, string expected) => Assert.Equal(expected, ControlCharacters.Visible(text));

    [Fact]
    public void The_csv_report_holds_no_raw_control_character()
    {
        using var writer = new StringWriter();
        CsvReportWriter.Write([Planted()], writer);

        AssertNoControls(writer.ToString(), allowed: "\r\n");
        Assert.Contains("web\u241b[2J\u241b]0;owned\u2407x\u2408\u2408\u2400\u2421\uFFFD31m", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_sheet_holds_no_raw_control_character()
    {
        var markdown = SheetRendering.Markdown(SheetRendering.Sheet(Planted()));

        AssertNoControls(markdown, allowed: "\n");
        Assert.Contains("\u241b", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_sheet_holds_no_raw_control_character() =>
        AssertNoControls(SheetRendering.Html(SheetRendering.Sheet(Planted())), allowed: "\n");

    [Fact]
    public void The_json_sheet_and_sarif_escape_them_and_stay_valid_json()
    {
        var sheet = SheetRendering.Json(SheetRendering.Sheet(Planted()));
        using var stream = new MemoryStream();
        SarifReportWriter.Write([Planted()], RuleCatalog.Default, stream, "/work/repo", "0.1.0");
        var sarif = Encoding.UTF8.GetString(stream.ToArray());

        foreach (var json in new[] { sheet, sarif })
        {
            AssertNoControls(json, allowed: "\n\r");
            using var document = JsonDocument.Parse(json);
            Assert.Contains("\\u001B[2J", json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_junit_report_is_well_formed_xml_without_them()
    {
        using var stream = new MemoryStream();
        JUnitReportWriter.Write([Planted()], stream, "ContainerSecurity", DateTimeOffset.UnixEpoch);
        var xml = Encoding.UTF8.GetString(stream.ToArray());

        AssertNoControls(xml, allowed: "\n\r");
        var document = XDocument.Parse(xml);
        Assert.Contains("\uFFFD[2J", document.Descendants("testcase").Single().Attribute("name")!.Value, StringComparison.Ordinal);
    }

    private static Finding Planted() =>
        FindingFactory.Create("KP001", FindingStatus.Fail,
            new FindingTarget { File = "k8s/web.yaml", Line = 7, Namespace = "shop", Kind = "Deployment", Name = Hostile, Container = Hostile },
            "NET_RAW is kept by " + Hostile, new Evidence(Hostile, "drop: [ALL]", "k8s/web.yaml:7"));

    private static void AssertNoControls(string text, string allowed)
    {
        var raw = text.Where(c => (char.IsControl(c) && !allowed.Contains(c, StringComparison.Ordinal)) || c == '\u009b').Select(c => $"U+{(int)c:X4}").Distinct().ToList();
        Assert.True(raw.Count == 0, "raw control characters: " + string.Join(", ", raw));
    }
}
