using System.Management.Automation;
using System.Text;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Returns findings as a SARIF 2.1.0, JUnit XML, CSV or JSON report in one string, for tools that read stdout.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "ContainerSecurityReport")]
[OutputType(typeof(string))]
public sealed class ConvertToContainerSecurityReportCommand : FindingInputCommandBase
{
    /// <summary>Sarif, JUnit, Csv or Json.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public ReportFormat Format { get; set; }

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
        var root = SessionState.Path.GetUnresolvedProviderPathFromPSPath(SourceRoot ?? SessionState.Path.CurrentFileSystemLocation.Path);
        using var stream = new MemoryStream();
        ReportRendering.Write(Format, Findings, stream, root);

        // The same bytes Export-ContainerSecurityReport writes, as one string: a report is one document.
        WriteObject(new UTF8Encoding(false).GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }
}
