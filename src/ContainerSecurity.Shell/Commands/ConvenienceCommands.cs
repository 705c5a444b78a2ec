using System.Management.Automation.Runspaces;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// The output conveniences the shell offers because the engine package ships only Microsoft.PowerShell.Core.
/// The shell adds an entry only when its session does not already have a command of that name.
/// </summary>
public static class ConvenienceCommands
{
    /// <summary>Every convenience cmdlet, by its PowerShell name, with no help file.</summary>
    public static IReadOnlyList<SessionStateCmdletEntry> All { get; } =
    [
        new("Select-Object", typeof(SelectObjectCommand), null),
        new("Sort-Object", typeof(SortObjectCommand), null),
        new("Group-Object", typeof(GroupObjectCommand), null),
        new("Measure-Object", typeof(MeasureObjectCommand), null),
        new("Format-Table", typeof(FormatTableCommand), null),
        new("Format-List", typeof(FormatListCommand), null),
        new("Format-Wide", typeof(FormatWideCommand), null),
        new("Out-String", typeof(OutStringCommand), null),
    ];
}
