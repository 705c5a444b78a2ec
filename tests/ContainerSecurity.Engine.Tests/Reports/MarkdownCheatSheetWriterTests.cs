using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

public sealed class MarkdownCheatSheetWriterTests
{
    [Fact]
    public void The_four_questions_come_in_order_each_split_by_platform_and_STRIDE()
    {
        var markdown = SheetRendering.Markdown(SheetRendering.Sheet());

        var positions = new[] { "## What are we building?", "## What can go wrong?", "## What are we going to do about it?", "## Did we do a good enough job?" }
            .Select(h => markdown.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("#### Docker · Spoofing", markdown, StringComparison.Ordinal);
        Assert.Contains("#### Kubernetes · Elevation of privilege", markdown, StringComparison.Ordinal);
        Assert.Contains("No findings were given", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_threat_has_description_exploitation_mitigation_snippets_check_mode_and_references()
    {
        var markdown = SheetRendering.Markdown(SheetRendering.Sheet());
        var rule = RuleCatalog.Default["KP001"];

        Assert.Contains(rule.Description.Trim(), markdown, StringComparison.Ordinal);
        Assert.Contains("**How it is exploited.** " + rule.Exploitation.Trim(), markdown, StringComparison.Ordinal);
        Assert.Contains(rule.Remediation.Trim(), markdown, StringComparison.Ordinal);
        Assert.Contains("```" + rule.Snippets[0].Language + "\n" + rule.Snippets[0].Code + "\n```", markdown.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Checked automatically by rule KP001.", markdown, StringComparison.Ordinal);
        Assert.Contains("Manual check: no cmdlet can decide KM001", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\[MITRE ATT&CK T\d+(\\\.\d+)?\]\(https://attack\.mitre\.org/techniques/", markdown);
        Assert.Contains("- [ ] [DM001](#mitigate-dm001)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_fill_the_assets_the_results_and_the_matrix()
    {
        var markdown = SheetRendering.Markdown(SheetRendering.Sheet(SheetRendering.Hostile()));

        Assert.Contains("**5 findings:** 2 passed, 2 failed, 1 waived", markdown, StringComparison.Ordinal);
        Assert.Contains("- shop/Deployment/api (k8s/api.yaml)", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| Spoofing \| .*🟧 \*\*High\*\* · 1 open", markdown);
        Assert.Matches(@"\[KP001\]\(#threat-kp001\) .*\| 1 \| 1 \| 1 \| 0 \| High: k8s/web\.yaml:7", markdown);
    }

    [Fact]
    public void Text_from_findings_cannot_inject_markup_or_break_tables()
    {
        var markdown = SheetRendering.Markdown(SheetRendering.Sheet(SheetRendering.Hostile()));

        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", markdown, StringComparison.Ordinal);
        Assert.Equal("a \\| b \\[x\\](y) &lt;img&gt; \\*c\\* & d", MarkdownText.Escape("a | b [x](y) <img> *c* & d"));
    }
}
