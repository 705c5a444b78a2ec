using System.Globalization;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// The first screen of the HTML cheat sheet (it fits 1400×900): outcome totals and what was audited, findings by
/// severity and outcome, the STRIDE × asset matrix as a heat map of open findings, and the ten worst open findings
/// with their targets. The full catalog follows it. Every string goes through <see cref="HtmlText"/>.
/// </summary>
internal static class HtmlSummaryWriter
{
    public const string Css = """
        .overview { margin: 12px 0 8px; }
        .overview h2 { margin: 0 0 8px; }
        .overview h3 { font-size: 15px; margin: 0 0 6px; color: var(--ink); }
        .ov-tiles { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 12px; }
        .ov-tiles div { border: 1px solid var(--line); border-radius: 6px; padding: 2px 10px; font-size: 13px; color: var(--muted); }
        .ov-tiles b { display: block; font-size: 20px; color: var(--ink); }
        .ov-tiles .failed b { color: #b91c1c; } .ov-tiles .waived b { color: #6d28d9; } .ov-tiles .passed b { color: #047857; }
        .ov-tiles .scope { background: var(--card); }
        .ov-row { display: flex; gap: 24px; align-items: flex-start; margin-bottom: 12px; }
        .overview table { font-size: 13px; margin: 0; width: auto; }
        .overview th, .overview td { padding: 2px 6px; }
        table.heat td { text-align: center; font-weight: 600; min-width: 64px; }
        table.heat th { font-weight: 600; font-size: 12px; }
        .heat .critical { background: #7f1d1d; color: #fff; } .heat .high { background: #dc2626; color: #fff; }
        .heat .medium { background: #f59e0b; } .heat .low { background: #93c5fd; } .heat .info { background: #dbeafe; }
        .heat .passed { background: #bbf7d0; } .heat .waived { background: #e9d5ff; } .heat .unaudited { background: #f3f4f6; color: var(--muted); font-weight: 400; }
        .heat .none { background: #fff; color: #d1d5db; font-weight: 400; }
        .legend { font-size: 12px; color: var(--muted); margin: 4px 0 0; max-width: 36em; }
        table.worst { width: 100%; table-layout: fixed; }
        table.worst td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        table.worst col.sev { width: 86px; } table.worst col.rule { width: 58px; } table.worst col.target { width: 38%; }
        """;

    private static string E(string? text) => HtmlText.Encode(text);

    private static string Sev(Severity severity) => severity.ToString().ToLowerInvariant();

    public static void Write(CheatSheet sheet, TextWriter output)
    {
        var summary = sheet.Summary;
        output.WriteLine("<section id=\"summary\" class=\"overview\">");
        output.WriteLine("<h2 class=\"first\">Summary</h2>");
        if (!sheet.HasFindings)
        {
            output.WriteLine($"<p><strong>{E(SheetText.NoFindings)}</strong></p>");
            output.WriteLine("</section>");
            return;
        }

        var t = sheet.Totals;
        var scope = summary.Scope;
        output.WriteLine("<div class=\"ov-tiles\">" +
            $"<div class=\"failed\"><b>{t.Failed}</b>failed</div><div class=\"waived\"><b>{t.Waived}</b>waived</div>" +
            $"<div class=\"passed\"><b>{t.Passed}</b>passed</div><div><b>{t.NotEvaluated}</b>not evaluated</div><div><b>{t.Informational}</b>info, manual, n/a</div>" +
            $"<div class=\"scope\"><b>{scope.Files}</b>files</div><div class=\"scope\"><b>{scope.Objects}</b>objects</div>" +
            $"<div class=\"scope\"><b>{scope.Containers}</b>containers</div><div class=\"scope\"><b>{scope.Hosts}</b>hosts</div>" +
            $"<div class=\"scope\"><b>{sheet.Threats.Count(x => x.Result.Audited)}/{sheet.Threats.Count}</b>threats audited</div></div>");

        output.WriteLine("<div class=\"ov-row\">");
        WriteSeverityTable(summary, output);
        WriteHeatMap(sheet.Matrix, output);
        output.WriteLine("</div>");
        WriteWorst(summary, output);
        output.WriteLine("</section>");
    }

    private static void WriteSeverityTable(CheatSheetSummary summary, TextWriter output)
    {
        output.WriteLine("<div><h3>Findings by severity</h3>");
        output.WriteLine("<table class=\"by-severity\"><thead><tr><th>Severity</th><th>Failed</th><th>Waived</th><th>Passed</th><th>Other</th></tr></thead><tbody>");
        foreach (var row in summary.BySeverity)
        {
            output.WriteLine($"<tr><td><span class=\"badge {Sev(row.Severity)}\">{row.Severity}</span></td>" +
                $"<td class=\"n{(row.Failed > 0 ? " fail" : string.Empty)}\">{row.Failed}</td><td class=\"n\">{row.Waived}</td><td class=\"n\">{row.Passed}</td>" +
                $"<td class=\"n\">{row.NotEvaluated + row.Informational}</td></tr>");
        }

        output.WriteLine("</tbody></table>");
        output.WriteLine("<p class=\"legend\">Other: not evaluated, informational, manual or not applicable.</p></div>");
    }

    private static void WriteHeatMap(StrideAssetMatrix matrix, TextWriter output)
    {
        output.WriteLine("<div><h3>Open findings: STRIDE × asset</h3>");
        output.Write("<table class=\"heat\"><thead><tr><th></th>");
        foreach (var asset in matrix.Columns)
        {
            output.Write($"<th>{E(SheetText.Name(asset))}</th>");
        }

        output.WriteLine("</tr></thead><tbody>");
        foreach (var stride in matrix.Rows)
        {
            output.Write($"<tr><th>{E(SheetText.Name(stride))}</th>");
            foreach (var asset in matrix.Columns)
            {
                var cell = matrix[stride, asset];
                var text = cell.State switch
                {
                    "none" => "·",
                    "unaudited" => "–",
                    "passed" => "✓",
                    "waived" => "w",
                    _ => cell.OpenCount.ToString(CultureInfo.InvariantCulture),
                };
                var tip = $"{SheetText.Name(stride)} × {SheetText.Name(asset)}: {cell.ThreatCount} threat(s), {cell.FindingCount} finding(s), {cell.OpenCount} open, {cell.WaivedCount} waived";
                output.Write($"<td class=\"{cell.State}\" title=\"{E(tip)}\">{text}</td>");
            }

            output.WriteLine("</tr>");
        }

        output.WriteLine("</tbody></table>");
        output.WriteLine("<p class=\"legend\">Number: open findings, coloured by the worst severity. ✓ passed, w waived only, – not audited, · no threat.</p></div>");
    }

    private static void WriteWorst(CheatSheetSummary summary, TextWriter output)
    {
        output.WriteLine($"<div><h3>The {summary.WorstFindings.Count} worst open findings</h3>");
        if (summary.WorstFindings.Count == 0)
        {
            output.WriteLine("<p>No open finding: every failure is waived, or nothing failed.</p></div>");
            return;
        }

        // One line each; the cells cut long text with an ellipsis, and the full target and message are in the tooltip.
        output.WriteLine("<table class=\"worst\"><colgroup><col class=\"sev\"><col class=\"rule\"><col class=\"target\"><col></colgroup><tbody>");
        foreach (var finding in summary.WorstFindings)
        {
            output.WriteLine($"<tr><td><span class=\"badge {Sev(finding.Severity)}\">{finding.Severity}</span></td>" +
                $"<td><a href=\"#threat-{HtmlText.Id(finding.RuleId)}\">{E(finding.RuleId)}</a></td>" +
                $"<td title=\"{E(finding.Target.ToString())}\">{E(ShortTarget(finding.Target))}</td>" +
                $"<td title=\"{E(finding.Message)}\">{E(finding.Message)}</td></tr>");
        }

        output.WriteLine("</tbody></table></div>");
    }

    /// <summary>
    /// What fits one line: a Kubernetes object by namespace/Kind/name, anything else by file name and line with the
    /// object inside it (Dockerfile:11 Stage/1, admin.kubeconfig:17 User/dev), or the host.
    /// </summary>
    private static string ShortTarget(FindingTarget target)
    {
        var file = target.File is null ? null
            : Path.GetFileName(target.File) + (target.Line is null ? string.Empty : ":" + target.Line.Value.ToString(CultureInfo.InvariantCulture));
        var hasObject = target.Name is not null && !string.Equals(target.Name, target.File, StringComparison.Ordinal);
        var obj = hasObject ? (target.Namespace is null ? string.Empty : target.Namespace + "/") + (target.Kind is null ? string.Empty : target.Kind + "/") + target.Name : null;
        var text = (obj, file) switch
        {
            ({ } o, _) when target.Namespace is not null => o,
            ({ } o, { } f) => $"{f} {o}",
            ({ } o, null) => o,
            (null, { } f) => f,
            _ => target.Host ?? target.ToString(),
        };
        return target.Container is null ? text : $"{text}[{target.Container}]";
    }
}
