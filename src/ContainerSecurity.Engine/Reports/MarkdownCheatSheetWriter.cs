using System.Globalization;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// Writes the cheat sheet as GitHub-flavoured Markdown. Catalog text is our own Markdown and is written as is;
/// everything from findings is escaped with <see cref="MarkdownText"/>.
/// </summary>
public sealed class MarkdownCheatSheetWriter
{
    private readonly TextWriter _out;

    private MarkdownCheatSheetWriter(TextWriter output) => _out = output;

    public static void Write(CheatSheet sheet, TextWriter output)
    {
        var writer = new MarkdownCheatSheetWriter(output);
        writer.WriteHeader(sheet);
        writer.WriteBuilding(sheet);
        writer.WriteGoWrong(sheet);
        writer.WriteDoAboutIt(sheet);
        writer.WriteGoodEnough(sheet);
    }

    private void WriteHeader(CheatSheet sheet)
    {
        _out.WriteLine($"# {MarkdownText.Escape(sheet.Title)}");
        _out.WriteLine();
        var source = sheet.HasFindings
            ? $"filled with {sheet.FindingCount} finding(s)"
            : "from the rule catalog only (no findings given)";
        _out.WriteLine($"Generated {sheet.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by ContainerSecurity, {source}. " +
            $"{sheet.Threats.Count} threats: {sheet.Threats.Count(t => t.Rule.Mode == CheckMode.Automated)} checked automatically, " +
            $"{sheet.Threats.Count(t => t.Rule.Mode == CheckMode.Manual)} manual.");
        _out.WriteLine();
        _out.WriteLine($"1. [{SheetText.Building}](#what-are-we-building)");
        _out.WriteLine($"2. [{SheetText.GoWrong}](#what-can-go-wrong)");
        _out.WriteLine($"3. [{SheetText.DoAboutIt}](#what-are-we-going-to-do-about-it)");
        _out.WriteLine($"4. [{SheetText.GoodEnough}](#did-we-do-a-good-enough-job)");
        _out.WriteLine();
    }

    private void WriteBuilding(CheatSheet sheet)
    {
        _out.WriteLine($"## {SheetText.Building}");
        _out.WriteLine();
        _out.WriteLine(SheetText.BuildingIntro);
        _out.WriteLine();
        _out.WriteLine("| Asset | Platform | What it is | Threats | Audited targets |");
        _out.WriteLine("|---|---|---|---:|---:|");
        foreach (var asset in sheet.Assets)
        {
            _out.WriteLine($"| {SheetText.Name(asset.Asset)} | {asset.Platform} | {SheetText.Describe(asset.Asset)} | {asset.ThreatCount} | {asset.Targets.Count} |");
        }

        _out.WriteLine();
        foreach (var asset in sheet.Assets.Where(a => a.Targets.Count > 0))
        {
            _out.WriteLine($"**{SheetText.Name(asset.Asset)}** audited:");
            _out.WriteLine();
            foreach (var target in asset.Targets)
            {
                _out.WriteLine($"- {MarkdownText.Escape(target)}");
            }

            _out.WriteLine();
        }
    }

    private void WriteGoWrong(CheatSheet sheet)
    {
        _out.WriteLine($"## {SheetText.GoWrong}");
        _out.WriteLine();
        _out.WriteLine(SheetText.GoWrongIntro);
        _out.WriteLine();
        foreach (var platform in sheet.Platforms)
        {
            _out.WriteLine($"### {platform}: what can go wrong");
            _out.WriteLine();
            foreach (var group in sheet.ByStride(platform))
            {
                _out.WriteLine($"#### {platform} · {SheetText.Name(group.Key)}");
                _out.WriteLine();
                _out.WriteLine($"_{SheetText.Describe(group.Key)}_");
                _out.WriteLine();
                foreach (var threat in group)
                {
                    WriteThreat(threat);
                }
            }
        }
    }

    private void WriteThreat(ThreatEntry threat)
    {
        var rule = threat.Rule;
        _out.WriteLine($"<a id=\"threat-{MarkdownText.Anchor(rule.Id)}\"></a>");
        _out.WriteLine();
        _out.WriteLine($"##### {rule.Id} · {rule.Title}");
        _out.WriteLine();
        var also = threat.OtherCategories.Any() ? $" (also {string.Join(", ", threat.OtherCategories.Select(SheetText.Name))})" : string.Empty;
        _out.WriteLine($"**Severity** {rule.Severity} · **Asset** {SheetText.Name(rule.Asset)} · **STRIDE** {SheetText.Name(threat.Category)}{also} · " +
            $"**Check** {rule.Mode} · [mitigation](#mitigate-{MarkdownText.Anchor(rule.Id)})");
        _out.WriteLine();
        _out.WriteLine(rule.Description.Trim());
        _out.WriteLine();
        _out.WriteLine("**How it is exploited.** " + rule.Exploitation.Trim());
        _out.WriteLine();
        if (rule.References.Length > 0)
        {
            _out.WriteLine("**References:** " + string.Join(" · ", rule.References.Select(Reference)));
            _out.WriteLine();
        }
    }

    private static string Reference(RuleReference reference)
    {
        var text = MarkdownText.Escape($"{reference.Source} {reference.Id}");
        return reference.Url is null ? text : $"[{text}]({reference.Url})";
    }

    private void WriteDoAboutIt(CheatSheet sheet)
    {
        _out.WriteLine($"## {SheetText.DoAboutIt}");
        _out.WriteLine();
        _out.WriteLine(SheetText.DoAboutItIntro);
        _out.WriteLine();
        foreach (var platform in sheet.Platforms)
        {
            _out.WriteLine($"### {platform}: mitigations");
            _out.WriteLine();
            foreach (var group in sheet.ByStride(platform))
            {
                _out.WriteLine($"#### {platform} · {SheetText.Name(group.Key)} · mitigations");
                _out.WriteLine();
                foreach (var threat in group)
                {
                    WriteMitigation(threat.Rule);
                }
            }
        }
    }

    private void WriteMitigation(SecurityRule rule)
    {
        _out.WriteLine($"<a id=\"mitigate-{MarkdownText.Anchor(rule.Id)}\"></a>");
        _out.WriteLine();
        _out.WriteLine($"##### {rule.Id} · {rule.Title}");
        _out.WriteLine();
        _out.WriteLine(rule.Remediation.Trim());
        _out.WriteLine();
        foreach (var snippet in rule.Snippets)
        {
            // A fence longer than any backtick run inside the snippet keeps the snippet intact.
            var fence = new string('`', Math.Max(3, LongestBacktickRun(snippet.Code) + 1));
            _out.WriteLine(fence + snippet.Language);
            _out.WriteLine(snippet.Code);
            _out.WriteLine(fence);
            _out.WriteLine();
        }

        _out.WriteLine($"_{SheetText.CheckedBy(rule)}_ [Threat](#threat-{MarkdownText.Anchor(rule.Id)}) · [results](#result-{MarkdownText.Anchor(rule.Id)})");
        _out.WriteLine();
    }

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private void WriteGoodEnough(CheatSheet sheet)
    {
        _out.WriteLine($"## {SheetText.GoodEnough}");
        _out.WriteLine();
        _out.WriteLine(SheetText.GoodEnoughIntro);
        _out.WriteLine();
        var totals = sheet.Totals;
        if (sheet.HasFindings)
        {
            _out.WriteLine($"**{sheet.FindingCount} findings:** {totals.Passed} passed, {totals.Failed} failed, {totals.Waived} waived, " +
                $"{totals.NotEvaluated} not evaluated, {totals.Informational} informational. " +
                $"{sheet.Threats.Count(t => t.Result.Audited)} of {sheet.Threats.Count} threats audited.");
        }
        else
        {
            _out.WriteLine(SheetText.NoFindings);
        }

        _out.WriteLine();
        WriteMatrix(sheet.Matrix);
        foreach (var platform in sheet.Platforms)
        {
            _out.WriteLine($"### {platform}: results per threat");
            _out.WriteLine();
            _out.WriteLine("| Threat | STRIDE | Severity | Check | Passed | Failed | Waived | Not evaluated | Worst affected targets |");
            _out.WriteLine("|---|---|---|---|---:|---:|---:|---:|---|");
            foreach (var threat in sheet.ByStride(platform).SelectMany(g => g))
            {
                var result = threat.Result;
                var worst = result.WorstTargets.Count == 0
                    ? SheetText.Outcome(result)
                    : string.Join("<br>", result.WorstTargets.Select(t => $"{t.Severity}: {MarkdownText.Escape(t.Target)}"));
                _out.WriteLine($"| <a id=\"result-{MarkdownText.Anchor(threat.Rule.Id)}\"></a>[{threat.Rule.Id}](#threat-{MarkdownText.Anchor(threat.Rule.Id)}) {MarkdownText.Escape(threat.Rule.Title)} " +
                    $"| {SheetText.Name(threat.Category)} | {threat.Rule.Severity} | {threat.Rule.Mode} | {result.Passed} | {result.Failed} | {result.Waived} | {result.NotEvaluated} | {worst} |");
            }

            _out.WriteLine();
        }

        var manual = sheet.Threats.Where(t => t.Rule.Mode == CheckMode.Manual).ToList();
        if (manual.Count > 0)
        {
            _out.WriteLine("### Manual checks");
            _out.WriteLine();
            foreach (var threat in manual)
            {
                _out.WriteLine($"- [ ] [{threat.Rule.Id}](#mitigate-{MarkdownText.Anchor(threat.Rule.Id)}) {MarkdownText.Escape(threat.Rule.Title)} ({threat.Rule.Platform}, {threat.Rule.Severity})");
            }

            _out.WriteLine();
        }
    }

    private void WriteMatrix(StrideAssetMatrix matrix)
    {
        _out.WriteLine("### STRIDE × asset matrix");
        _out.WriteLine();
        _out.WriteLine("Each cell: the worst open finding, or passed / not audited, and the number of threats. " +
            "🟥 Critical · 🟧 High · 🟨 Medium · 🟦 Low or Info · 🟪 waived · 🟩 passed · ⬜ not audited.");
        _out.WriteLine();
        _out.WriteLine("| STRIDE | " + string.Join(" | ", matrix.Columns.Select(SheetText.Name)) + " |");
        _out.WriteLine("|---|" + string.Concat(matrix.Columns.Select(_ => "---|")));
        foreach (var stride in matrix.Rows)
        {
            var cells = matrix.Columns.Select(asset => Cell(matrix[stride, asset]));
            _out.WriteLine($"| {SheetText.Name(stride)} | " + string.Join(" | ", cells) + " |");
        }

        _out.WriteLine();
    }

    private static string Cell(MatrixCell cell) => cell.State switch
    {
        "none" => "—",
        "unaudited" => $"⬜ not audited ({cell.ThreatCount})",
        "passed" => $"🟩 passed ({cell.ThreatCount})",
        "waived" => $"🟪 waived · {cell.WaivedCount} ({cell.ThreatCount})",
        _ => $"{Square(cell.WorstSeverity!.Value)} **{cell.WorstSeverity}** · {cell.OpenCount} open ({cell.ThreatCount})",
    };

    private static string Square(Severity severity) => severity switch
    {
        Severity.Critical => "🟥",
        Severity.High => "🟧",
        Severity.Medium => "🟨",
        _ => "🟦",
    };
}
