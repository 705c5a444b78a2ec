using System.Management.Automation;
using Microsoft.PowerShell.Commands.Internal.Format;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Format-Table for hosts whose engine lacks Microsoft.PowerShell.Utility. Like PowerShell's own, it is only a
/// front end: the public base class declares -Property (position 0), -AutoSize, -Wrap, -HideTableHeaders,
/// -RepeatHeader, -GroupBy, -View, -Force, -Expand, -ShowError and -DisplayError, and the engine's table shape
/// does the layout, so the format records render through Out-Default exactly as in pwsh.
/// </summary>
[Cmdlet(VerbsCommon.Format, "Table")]
[OutputType(FormatRecords.Start, FormatRecords.Entry, FormatRecords.End, FormatRecords.GroupStart, FormatRecords.GroupEnd)]
public sealed class FormatTableCommand : OuterFormatTableBase
{
    /// <summary>Selects the engine's table shape for this command.</summary>
    public FormatTableCommand() => FormattingEngine.UseShape(this, "Table");
}
