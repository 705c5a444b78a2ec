using System.Management.Automation;
using System.Text;

namespace ContainerSecurity.Commands;

/// <summary>
/// What the Export-* cmdlets share: findings collected from the pipeline (typed, deserialized or look-alike
/// objects), one output file given by -Path or -LiteralPath, no overwrite without -Force, -WhatIf/-Confirm, and the
/// FileInfo with -PassThru. The file is written beside its destination and moved into place, so a failed export
/// never leaves half a report where the old one was.
/// </summary>
public abstract class FindingExportCommandBase : ContainerSecurityCommandBase
{
    /// <summary>The name of the -Path parameter set.</summary>
    protected const string PathParameterSet = "Path";

    /// <summary>The name of the -LiteralPath parameter set.</summary>
    protected const string LiteralPathParameterSet = "LiteralPath";

    private readonly List<Finding> _findings = [];

    /// <summary>The file to write. Relative paths are resolved against the current location.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The file to write, used exactly as typed (no wildcard characters are interpreted).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = string.Empty;

    /// <summary>Findings to export, from the audit cmdlets or Import-Clixml.</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public PSObject[]? InputObject { get; set; }

    /// <summary>Overwrites an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Returns the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The findings received so far.</summary>
    protected IReadOnlyList<Finding> Findings => _findings;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var input in InputObject ?? [])
        {
            if (input is null)
            {
                continue;
            }

            try
            {
                _findings.Add(FindingInput.Convert(input));
            }
            catch (InvalidDataException e)
            {
                WriteItemError(e, "InvalidFinding", ErrorCategory.InvalidData, input);
            }
        }
    }

    /// <summary>The destination as a file-system path; stops the command when it cannot be one.</summary>
    protected string ResolveDestination()
    {
        var path = ParameterSetName == LiteralPathParameterSet ? LiteralPath : Path;
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception e) when (e is ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or ItemNotFoundException or NotSupportedException)
        {
            ThrowCommandError(e, "InvalidOutputPath", ErrorCategory.InvalidArgument, path);
            throw;
        }

        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            ThrowCommandError(new ArgumentException(string.Format(Strings.PathNotFileSystem, path, provider.Name)), "PathNotFileSystem", ErrorCategory.InvalidArgument, path);
        }

        if (Directory.Exists(resolved))
        {
            ThrowCommandError(new IOException(string.Format(Strings.OutputPathIsDirectory, resolved)), "OutputPathIsDirectory", ErrorCategory.InvalidArgument, path);
        }

        return resolved;
    }

    /// <summary>
    /// Writes <paramref name="destination"/> through <paramref name="write"/> after the overwrite and ShouldProcess
    /// checks; writes the FileInfo when -PassThru is given.
    /// </summary>
    protected void WriteFile(string destination, string action, Action<Stream> write)
    {
        if (File.Exists(destination) && !Force)
        {
            ThrowCommandError(new IOException(string.Format(Strings.OutputFileExists, destination)), "OutputFileExists", ErrorCategory.ResourceExists, destination);
        }

        if (!ShouldProcess(destination, action))
        {
            return;
        }

        var directory = System.IO.Path.GetDirectoryName(destination)!;
        if (!Directory.Exists(directory))
        {
            ThrowCommandError(new DirectoryNotFoundException(string.Format(Strings.OutputDirectoryNotFound, directory)), "OutputDirectoryNotFound", ErrorCategory.ObjectNotFound, destination);
        }

        var temporary = System.IO.Path.Join(directory, $".{System.IO.Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temporary, destination, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowCommandError(e, "OutputFileWriteFailed", ErrorCategory.WriteError, destination);
        }
        finally
        {
            // Whatever stopped the write (an error, Ctrl+C), no half-written file is left beside the report.
            DeleteQuietly(temporary);
        }

        if (PassThru)
        {
            // Through the provider, as Get-Item would, so the FileInfo carries PSPath and friends.
            WriteObject(InvokeProvider.Item.Get([destination], force: false, literalPath: true), enumerateCollection: true);
        }
    }

    /// <summary>UTF-8 without a byte-order mark, the encoding every consumer of these formats expects.</summary>
    protected static StreamWriter TextWriterFor(Stream stream) => new(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting.
        }
    }
}
