namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Names of the records Format-* commands emit for Out-Default to render. The types are internal to the engine,
/// so [OutputType] names them by string.
/// </summary>
internal static class FormatRecords
{
    internal const string Start = "Microsoft.PowerShell.Commands.Internal.Format.FormatStartData";
    internal const string Entry = "Microsoft.PowerShell.Commands.Internal.Format.FormatEntryData";
    internal const string End = "Microsoft.PowerShell.Commands.Internal.Format.FormatEndData";
    internal const string GroupStart = "Microsoft.PowerShell.Commands.Internal.Format.GroupStartData";
    internal const string GroupEnd = "Microsoft.PowerShell.Commands.Internal.Format.GroupEndData";
}
