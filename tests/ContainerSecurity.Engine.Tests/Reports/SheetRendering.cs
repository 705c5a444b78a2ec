using System.Text;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

/// <summary>Renders sheets and reports to strings for the writer tests.</summary>
internal static class SheetRendering
{
    public static CheatSheet Sheet(params Finding[] findings) =>
        CheatSheetBuilder.Build(RuleCatalog.Default, findings, new CheatSheetOptions { GeneratedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero) });

    public static Finding[] Hostile() =>
    [
        Reword(ReportFindings.PodFail(ReportFindings.HostileWorkload), ReportFindings.HostileMessage),
        ReportFindings.PodPass(),
        ReportFindings.PodWaived(),
        ReportFindings.DaemonPass(),
        ReportFindings.ContainerFail(),
    ];

    public static string Markdown(CheatSheet sheet)
    {
        using var writer = new StringWriter();
        MarkdownCheatSheetWriter.Write(sheet, writer);
        return writer.ToString();
    }

    public static string Html(CheatSheet sheet)
    {
        using var writer = new StringWriter();
        HtmlCheatSheetWriter.Write(sheet, writer);
        return writer.ToString();
    }

    public static string Json(CheatSheet sheet)
    {
        using var stream = new MemoryStream();
        JsonCheatSheetWriter.Write(sheet, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static Finding Reword(Finding finding, string message) => new()
    {
        RuleId = finding.RuleId, Title = finding.Title, Status = finding.Status, Severity = finding.Severity, Stride = finding.Stride,
        Platform = finding.Platform, Asset = finding.Asset, Target = finding.Target, Message = message, Evidence = finding.Evidence,
        Remediation = finding.Remediation, References = finding.References, Waiver = finding.Waiver,
    };
}
