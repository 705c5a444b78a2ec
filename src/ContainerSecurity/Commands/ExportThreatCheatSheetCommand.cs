using System.Management.Automation;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Writes the Docker and Kubernetes threat-model cheat sheet, filled with findings.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "ThreatCheatSheet", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportThreatCheatSheetCommand : FindingExportCommandBase
{
    /// <summary>Markdown, Html or Json; inferred from the file extension when omitted (Markdown otherwise).</summary>
    [Parameter]
    public CheatSheetFormat? Format { get; set; }

    /// <summary>Only threats of these platforms.</summary>
    [Parameter]
    public Platform[]? Platform { get; set; }

    /// <summary>Only threats in any of these STRIDE categories.</summary>
    [Parameter]
    public StrideCategory[]? Stride { get; set; }

    /// <summary>The sheet's title.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = CheatSheetOptions.DefaultTitle;

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var destination = ResolveDestination();
        var format = Format ?? Infer(destination);
        var unknown = Findings.Where(f => !RuleCatalog.Default.TryGet(f.RuleId, out _)).Select(f => f.RuleId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            WriteWarning(string.Format(Strings.FindingsOfUnknownRules, string.Join(", ", unknown)));
        }

        var sheet = CheatSheetBuilder.Build(RuleCatalog.Default, Findings, new CheatSheetOptions
        {
            Title = Title,
            Platforms = Platform,
            Stride = Stride,
        });
        WriteVerbose(string.Format(Strings.CheatSheetSummary, sheet.Threats.Count, sheet.FindingCount, format));

        WriteFile(destination, string.Format(Strings.CheatSheetAction, format), stream =>
        {
            switch (format)
            {
                case CheatSheetFormat.Json:
                    JsonCheatSheetWriter.Write(sheet, stream);
                    break;
                case CheatSheetFormat.Html:
                    using (var writer = TextWriterFor(stream))
                    {
                        HtmlCheatSheetWriter.Write(sheet, writer);
                    }

                    break;
                default:
                    using (var writer = TextWriterFor(stream))
                    {
                        MarkdownCheatSheetWriter.Write(sheet, writer);
                    }

                    break;
            }
        });
    }

    private static CheatSheetFormat Infer(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => CheatSheetFormat.Html,
        ".json" => CheatSheetFormat.Json,
        _ => CheatSheetFormat.Markdown,
    };
}
