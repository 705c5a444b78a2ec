using System.Management.Automation;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Writes findings as SARIF 2.1.0, JUnit XML or CSV for CI systems.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "ContainerSecurityReport", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportContainerSecurityReportCommand : FindingExportCommandBase
{
    /// <summary>Sarif, JUnit or Csv; inferred from the extension (.sarif, .xml, .csv) when omitted.</summary>
    [Parameter]
    public ReportFormat? Format { get; set; }

    /// <summary>
    /// SARIF only: file locations under this directory are written relative to it (code scanning resolves them
    /// against the repository root). Defaults to the current location.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SourceRoot { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var destination = ResolveDestination();
        var format = Format ?? Infer(destination);
        var findings = Findings;
        var root = SessionState.Path.GetUnresolvedProviderPathFromPSPath(SourceRoot ?? SessionState.Path.CurrentFileSystemLocation.Path);
        var version = typeof(ExportContainerSecurityReportCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        WriteFile(destination, string.Format(Strings.ReportAction, format, findings.Count), stream =>
        {
            switch (format)
            {
                case ReportFormat.Sarif:
                    SarifReportWriter.Write(findings, RuleCatalog.Default, stream, root, version);
                    break;
                case ReportFormat.JUnit:
                    JUnitReportWriter.Write(findings, stream, "ContainerSecurity", DateTimeOffset.UtcNow);
                    break;
                default:
                    using (var writer = TextWriterFor(stream))
                    {
                        CsvReportWriter.Write(findings, writer);
                    }

                    break;
            }
        });
    }

    private ReportFormat Infer(string path)
    {
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".sarif", StringComparison.Ordinal) || name.EndsWith(".sarif.json", StringComparison.Ordinal))
        {
            return ReportFormat.Sarif;
        }

        if (name.EndsWith(".xml", StringComparison.Ordinal))
        {
            return ReportFormat.JUnit;
        }

        if (name.EndsWith(".csv", StringComparison.Ordinal))
        {
            return ReportFormat.Csv;
        }

        ThrowCommandError(new ArgumentException(string.Format(Strings.ReportFormatNotInferred, path)), "ReportFormatNotInferred", ErrorCategory.InvalidArgument, path);
        return default;
    }
}
