using System.Globalization;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// Writes the cheat sheet as one self-contained HTML page: inline CSS (with a print stylesheet), the matrix as
/// inline SVG, no scripts and no external resources. Every string goes through <see cref="HtmlText"/>.
/// </summary>
public sealed class HtmlCheatSheetWriter
{
    private readonly TextWriter _out;

    private HtmlCheatSheetWriter(TextWriter output) => _out = output;

    public static void Write(CheatSheet sheet, TextWriter output)
    {
        var writer = new HtmlCheatSheetWriter(output);
        writer.WriteHead(sheet);
        HtmlSummaryWriter.Write(sheet, output);
        writer.WriteToc();
        writer.WriteBuilding(sheet);
        writer.WriteGoWrong(sheet);
        writer.WriteDoAboutIt(sheet);
        writer.WriteGoodEnough(sheet);
        output.WriteLine("</main>\n</body>\n</html>");
    }

    private static string E(string? text) => HtmlText.Encode(text);

    private static string Sev(Severity severity) => severity.ToString().ToLowerInvariant();

    private void WriteHead(CheatSheet sheet)
    {
        _out.WriteLine("<!DOCTYPE html>");
        _out.WriteLine("<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
        _out.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        // No script, no remote resource: the page works offline and a stray injected tag could not fetch or run anything.
        _out.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        _out.WriteLine("<meta name=\"generator\" content=\"ContainerSecurity\">");
        _out.WriteLine($"<title>{E(sheet.Title)}</title>");
        _out.WriteLine("<style>\n" + HtmlCheatSheetStyle.Css + "\n" + HtmlSummaryWriter.Css + "\n</style>\n</head>\n<body>\n<main>");
        _out.WriteLine("<header class=\"sheet\">");
        _out.WriteLine($"<h1>{E(sheet.Title)}</h1>");
        var source = sheet.HasFindings
            ? $"filled with {sheet.FindingCount} finding(s)"
            : "from the rule catalog only (no findings given)";
        var automated = sheet.Threats.Count(t => t.Rule.Mode == CheckMode.Automated);
        _out.WriteLine($"<p class=\"meta\">Generated {E(sheet.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC by ContainerSecurity, {E(source)}. " +
            $"{sheet.Threats.Count} threats: {automated} checked automatically, {sheet.Threats.Count - automated} manual.</p>");
        _out.WriteLine("</header>");
    }

    private void WriteToc()
    {
        _out.WriteLine("<nav class=\"toc\"><ol>");
        _out.WriteLine($"<li><a href=\"#building\">{E(SheetText.Building)}</a></li><li><a href=\"#go-wrong\">{E(SheetText.GoWrong)}</a></li>");
        _out.WriteLine($"<li><a href=\"#do-about-it\">{E(SheetText.DoAboutIt)}</a></li><li><a href=\"#good-enough\">{E(SheetText.GoodEnough)}</a></li>");
        _out.WriteLine("</ol></nav>");
    }

    private void WriteBuilding(CheatSheet sheet)
    {
        _out.WriteLine($"<section id=\"building\">\n<h2 class=\"first\">1. {E(SheetText.Building)}</h2>");
        _out.WriteLine($"<p>{E(SheetText.BuildingIntro)}</p>");
        _out.WriteLine("<table><thead><tr><th>Asset</th><th>Platform</th><th>What it is</th><th>Threats</th><th>Audited targets</th></tr></thead><tbody>");
        foreach (var asset in sheet.Assets)
        {
            _out.Write($"<tr><td>{E(SheetText.Name(asset.Asset))}</td><td>{asset.Platform}</td><td>{E(SheetText.Describe(asset.Asset))}</td><td class=\"n\">{asset.ThreatCount}</td><td class=\"wide\">");
            if (asset.Targets.Count == 0)
            {
                _out.Write(sheet.HasFindings ? "none audited" : "—");
            }
            else
            {
                _out.Write("<ul class=\"targets\">" + string.Concat(asset.Targets.Select(t => $"<li>{E(t)}</li>")) + "</ul>");
            }

            _out.WriteLine("</td></tr>");
        }

        _out.WriteLine("</tbody></table>\n</section>");
    }

    private void WriteGoWrong(CheatSheet sheet)
    {
        _out.WriteLine($"<section id=\"go-wrong\">\n<h2>2. {E(SheetText.GoWrong)}</h2>");
        _out.WriteLine($"<p>{E(SheetText.GoWrongIntro)}</p>");
        foreach (var platform in sheet.Platforms)
        {
            _out.WriteLine($"<h3>{platform}</h3>");
            foreach (var group in sheet.ByStride(platform))
            {
                _out.WriteLine($"<h4>{E(SheetText.Name(group.Key))} <small>— {E(SheetText.Describe(group.Key))}</small></h4>");
                foreach (var threat in group)
                {
                    WriteThreat(threat);
                }
            }
        }

        _out.WriteLine("</section>");
    }

    private void WriteThreat(ThreatEntry threat)
    {
        var rule = threat.Rule;
        var id = HtmlText.Id(rule.Id);
        _out.WriteLine($"<article class=\"threat sev-{Sev(rule.Severity)}\" id=\"threat-{id}\">");
        _out.WriteLine($"<h4>{E(rule.Id)} · {E(rule.Title)}</h4>");
        var also = threat.OtherCategories.Any() ? " (also " + E(string.Join(", ", threat.OtherCategories.Select(SheetText.Name))) + ")" : string.Empty;
        _out.WriteLine($"<p class=\"tags\"><span class=\"badge {Sev(rule.Severity)}\">{rule.Severity}</span><span class=\"badge {rule.Mode.ToString().ToLowerInvariant()}\">{rule.Mode}</span> " +
            $"{E(SheetText.Name(rule.Asset))} · {E(SheetText.Name(threat.Category))}{also} · <a href=\"#mitigate-{id}\">mitigation</a> · <a href=\"#result-{id}\">results</a></p>");
        _out.Write(HtmlText.Prose(rule.Description));
        _out.WriteLine("<p><strong>How it is exploited.</strong></p>");
        _out.Write(HtmlText.Prose(rule.Exploitation));
        if (rule.References.Length > 0)
        {
            _out.WriteLine("<p class=\"refs\"><strong>References:</strong> " + string.Join(" · ", rule.References.Select(Reference)) + "</p>");
        }

        _out.WriteLine("</article>");
    }

    private static string Reference(RuleReference reference)
    {
        var text = E($"{reference.Source} {reference.Id}");
        return reference.Url is not null && Uri.TryCreate(reference.Url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? $"<a href=\"{E(uri.AbsoluteUri)}\">{text}</a>"
            : text;
    }

    private void WriteDoAboutIt(CheatSheet sheet)
    {
        _out.WriteLine($"<section id=\"do-about-it\">\n<h2>3. {E(SheetText.DoAboutIt)}</h2>");
        _out.WriteLine($"<p>{E(SheetText.DoAboutItIntro)}</p>");
        foreach (var platform in sheet.Platforms)
        {
            _out.WriteLine($"<h3>{platform}</h3>");
            foreach (var group in sheet.ByStride(platform))
            {
                _out.WriteLine($"<h4>{E(SheetText.Name(group.Key))}</h4>");
                foreach (var threat in group)
                {
                    WriteMitigation(threat.Rule);
                }
            }
        }

        _out.WriteLine("</section>");
    }

    private void WriteMitigation(SecurityRule rule)
    {
        var id = HtmlText.Id(rule.Id);
        _out.WriteLine($"<article class=\"threat sev-{Sev(rule.Severity)}\" id=\"mitigate-{id}\">");
        _out.WriteLine($"<h4>{E(rule.Id)} · {E(rule.Title)}</h4>");
        _out.Write(HtmlText.Prose(rule.Remediation));
        foreach (var snippet in rule.Snippets)
        {
            _out.WriteLine($"<pre><code class=\"language-{HtmlText.Id(snippet.Language)}\">{E(snippet.Code)}</code></pre>");
        }

        _out.WriteLine($"<p class=\"tags\"><span class=\"badge {rule.Mode.ToString().ToLowerInvariant()}\">{rule.Mode}</span> {E(SheetText.CheckedBy(rule))} <a href=\"#threat-{id}\">Threat</a></p>");
        _out.WriteLine("</article>");
    }

    private void WriteGoodEnough(CheatSheet sheet)
    {
        _out.WriteLine($"<section id=\"good-enough\">\n<h2>4. {E(SheetText.GoodEnough)}</h2>");
        _out.WriteLine($"<p>{E(SheetText.GoodEnoughIntro)}</p>");
        if (sheet.HasFindings)
        {
            var t = sheet.Totals;
            _out.WriteLine("<div class=\"summary\">" +
                $"<div><b>{sheet.FindingCount}</b>findings</div><div><b>{t.Passed}</b>passed</div><div><b>{t.Failed}</b>failed</div>" +
                $"<div><b>{t.Waived}</b>waived</div><div><b>{t.NotEvaluated}</b>not evaluated</div>" +
                $"<div><b>{sheet.Threats.Count(x => x.Result.Audited)}/{sheet.Threats.Count}</b>threats audited</div></div>");
        }
        else
        {
            _out.WriteLine($"<p><strong>{E(SheetText.NoFindings)}</strong></p>");
        }

        _out.WriteLine("<h3>STRIDE × asset matrix</h3>");
        _out.WriteLine("<figure class=\"matrix-wrap\">");
        _out.Write(MatrixSvgWriter.Render(sheet.Matrix));
        _out.WriteLine("</figure>");

        foreach (var platform in sheet.Platforms)
        {
            _out.WriteLine($"<h3>{platform}: results per threat</h3>");
            _out.WriteLine("<table><thead><tr><th>Threat</th><th>STRIDE</th><th>Severity</th><th>Check</th><th>Passed</th><th>Failed</th><th>Waived</th><th>Not evaluated</th><th>Worst affected targets</th></tr></thead><tbody>");
            foreach (var threat in sheet.ByStride(platform).SelectMany(g => g))
            {
                WriteResultRow(threat);
            }

            _out.WriteLine("</tbody></table>");
        }

        var manual = sheet.Threats.Where(t => t.Rule.Mode == CheckMode.Manual).ToList();
        if (manual.Count > 0)
        {
            _out.WriteLine("<h3>Manual checks</h3>\n<ul class=\"checklist\">");
            foreach (var threat in manual)
            {
                _out.WriteLine($"<li><a href=\"#mitigate-{HtmlText.Id(threat.Rule.Id)}\">{E(threat.Rule.Id)}</a> {E(threat.Rule.Title)} ({threat.Rule.Platform}, {threat.Rule.Severity})</li>");
            }

            _out.WriteLine("</ul>");
        }

        _out.WriteLine("</section>");
    }

    private void WriteResultRow(ThreatEntry threat)
    {
        var rule = threat.Rule;
        var result = threat.Result;
        var id = HtmlText.Id(rule.Id);
        var worst = result.WorstTargets.Count == 0
            ? E(SheetText.Outcome(result))
            : "<ul class=\"targets\">" + string.Concat(result.WorstTargets.Select(t =>
                $"<li><span class=\"badge {Sev(t.Severity)}\">{t.Severity}</span>{E(t.Target)}<br><small>{E(t.Message)}</small></li>")) + "</ul>";
        _out.WriteLine($"<tr id=\"result-{id}\"><td class=\"wide\"><a href=\"#threat-{id}\">{E(rule.Id)}</a> {E(rule.Title)}</td><td>{E(SheetText.Name(threat.Category))}</td>" +
            $"<td><span class=\"badge {Sev(rule.Severity)}\">{rule.Severity}</span></td><td>{rule.Mode}</td>" +
            $"<td class=\"n\">{result.Passed}</td><td class=\"n{(result.Failed > 0 ? " fail" : string.Empty)}\">{result.Failed}</td><td class=\"n\">{result.Waived}</td>" +
            $"<td class=\"n\">{result.NotEvaluated}</td><td class=\"wide\">{worst}</td></tr>");
    }
}
