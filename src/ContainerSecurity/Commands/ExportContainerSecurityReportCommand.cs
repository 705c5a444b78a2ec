using System.Management.Automation;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Writes findings as SARIF 2.1.0, JUnit XML, CSV or JSON for CI systems.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "ContainerSecurityReport", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportContainerSecurityReportCommand : FindingExportCommandBase
{
    /// <summary>Sarif, JUnit, Csv or Json; inferred from the extension (.sarif, .xml, .csv, .json) when omitted.</summary>
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

        WriteFile(destination, string.Format(Strings.ReportAction, format, findings.Count), stream => ReportRendering.Write(format, findings, stream, root));
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

        if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            return ReportFormat.Json;
        }

        ThrowCommandError(new ArgumentException(string.Format(Strings.ReportFormatNotInferred, path)), "ReportFormatNotInferred", ErrorCategory.InvalidArgument, path);
        return default;
    }
}
