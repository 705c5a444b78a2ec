using System.Management.Automation;
using Microsoft.PowerShell.Commands.Internal.Format;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Format-List for hosts whose engine lacks Microsoft.PowerShell.Utility. Like PowerShell's own, it is only a
/// front end: the public base class declares -Property (position 0), -GroupBy, -View, -Force, -Expand,
/// -ShowError and -DisplayError, and the engine's list shape does the layout.
/// </summary>
[Cmdlet(VerbsCommon.Format, "List")]
[OutputType(FormatRecords.Start, FormatRecords.Entry, FormatRecords.End, FormatRecords.GroupStart, FormatRecords.GroupEnd)]
public sealed class FormatListCommand : OuterFormatTableAndListBase
{
    /// <summary>Selects the engine's list shape for this command.</summary>
    public FormatListCommand() => FormattingEngine.UseShape(this, "List");
}
