using System.Management.Automation;
using Microsoft.PowerShell.Commands.Internal.Format;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Format-Wide for hosts whose engine lacks Microsoft.PowerShell.Utility: one property of each object, laid out
/// in columns by the engine's wide shape.
/// </summary>
/// <remarks>
/// PowerShell's own Format-Wide overrides an internal method to pass -Column and -AutoSize; we cannot, so we
/// derive from the table-and-list base (which handles -Property, -GroupBy, -View, -Force and -Expand) and hand the
/// two wide options to the engine after it has read the rest. That base types -Property as object[]; the wide
/// shape shows the first.
/// </remarks>
[Cmdlet(VerbsCommon.Format, "Wide")]
[OutputType(FormatRecords.Start, FormatRecords.Entry, FormatRecords.End, FormatRecords.GroupStart, FormatRecords.GroupEnd)]
public sealed class FormatWideCommand : OuterFormatTableAndListBase
{
    /// <summary>Selects the engine's wide shape for this command.</summary>
    public FormatWideCommand() => FormattingEngine.UseShape(this, "Wide");

    /// <summary>Fits as many columns as the longest value allows.</summary>
    [Parameter]
    public SwitchParameter AutoSize { get; set; }

    /// <summary>The number of columns to lay the values out in.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Column { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        bool autoSizeGiven = MyInvocation.BoundParameters.ContainsKey(nameof(AutoSize));
        bool columnGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Column));
        if (AutoSize && columnGiven)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("The -AutoSize and -Column parameters cannot be used together."),
                "FormatCannotSpecifyAutosizeAndColumns", ErrorCategory.InvalidArgument, null));
        }

        base.BeginProcessing();
        FormattingEngine.SetWideOptions(this, autoSizeGiven ? AutoSize.IsPresent : null, columnGiven ? Column : null);
    }
}
