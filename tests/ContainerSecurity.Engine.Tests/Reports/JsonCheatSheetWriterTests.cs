using System.Text.Json;
using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Engine.Tests.Reports;

public sealed class JsonCheatSheetWriterTests
{
    [Fact]
    public void The_JSON_holds_the_four_questions_and_parses_back()
    {
        using var json = JsonDocument.Parse(SheetRendering.Json(SheetRendering.Sheet(SheetRendering.Hostile())));
        var root = json.RootElement;

        Assert.True(root.GetProperty("hasFindings").GetBoolean());
        Assert.Equal(5, root.GetProperty("findingCount").GetInt32());
        var pods = root.GetProperty("whatAreWeBuilding").GetProperty("assets").EnumerateArray().Single(a => a.GetProperty("asset").GetString() == "Pod");
        Assert.Contains("shop/Deployment/<script>document.title='pwned'</script> (k8s/web.yaml)", pods.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));

        var threats = root.GetProperty("whatCanGoWrong").GetProperty("platforms").EnumerateArray()
            .SelectMany(p => p.GetProperty("stride").EnumerateArray())
            .SelectMany(s => s.GetProperty("threats").EnumerateArray())
            .Select(t => t.GetProperty("id").GetString())
            .ToList();
        Assert.Equal(RuleCatalog.Default.Rules.Select(r => r.Id).Order(), threats.Order());

        var mitigation = root.GetProperty("whatAreWeGoingToDoAboutIt").GetProperty("platforms").EnumerateArray()
            .SelectMany(p => p.GetProperty("stride").EnumerateArray()).SelectMany(s => s.GetProperty("threats").EnumerateArray())
            .Single(t => t.GetProperty("id").GetString() == "KP001");
        Assert.NotEmpty(mitigation.GetProperty("snippets").EnumerateArray());

        var result = root.GetProperty("didWeDoAGoodEnoughJob").GetProperty("threats").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "KP001");
        Assert.Equal((1, 1, 1), (result.GetProperty("passed").GetInt32(), result.GetProperty("failed").GetInt32(), result.GetProperty("waived").GetInt32()));
        Assert.Equal("High", result.GetProperty("worstSeverity").GetString());
        var cell = root.GetProperty("didWeDoAGoodEnoughJob").GetProperty("matrix").EnumerateArray()
            .Single(c => c.GetProperty("stride").GetString() == "Spoofing" && c.GetProperty("asset").GetString() == "Pod");
        Assert.Equal("high", cell.GetProperty("state").GetString());
    }

    [Fact]
    public void Markup_in_findings_is_escaped_in_the_JSON_text()
    {
        var text = SheetRendering.Json(SheetRendering.Sheet(SheetRendering.Hostile()));

        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.Contains("\\u003Cscript\\u003E", text, StringComparison.Ordinal);
    }
}
