using System.Management.Automation;
using System.Text;

namespace ContainerSecurity.Commands;

/// <summary>
/// What the Export-* cmdlets share: one output file given by -Path or -LiteralPath, no overwrite without -Force,
/// -WhatIf/-Confirm, and the FileInfo with -PassThru. A regular file is written beside its destination and moved into
/// place, so a failed export never leaves half a report where the old one was. A symbolic link is written through
/// (it stays a link), and a device or FIFO such as /dev/stdout is written to directly.
/// </summary>
public abstract class FindingExportCommandBase : FindingInputCommandBase
{
    /// <summary>The name of the -Path parameter set.</summary>
    protected const string PathParameterSet = "Path";

    /// <summary>The name of the -LiteralPath parameter set.</summary>
    protected const string LiteralPathParameterSet = "LiteralPath";

    /// <summary>The file to write. Relative paths are resolved against the current location.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The file to write, used exactly as typed (no wildcard characters are interpreted).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = string.Empty;

    /// <summary>Overwrites an existing regular file (through a symbolic link, the file it names).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Returns the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }
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
        OutputFile target;
        try
        {
            target = OutputFile.Of(destination);
        }
        catch (IOException e)
        {
            // A symbolic link loop, or a target that cannot be examined.
            ThrowCommandError(e, "OutputFileWriteFailed", ErrorCategory.WriteError, destination);
            throw;
        }

        if (target.Kind == OutputFileKind.Regular && !Force)
        {
            ThrowCommandError(new IOException(string.Format(Strings.OutputFileExists, destination)), "OutputFileExists", ErrorCategory.ResourceExists, destination);
        }

        if (!ShouldProcess(destination, action))
        {
            return;
        }

        if (target.Kind == OutputFileKind.Special)
        {
            WriteInPlace(target.Path, destination, write);
        }
        else
        {
            WriteByReplacing(target.Path, destination, write);
        }

        if (PassThru)
        {
            // Through the provider, as Get-Item would, so the FileInfo carries PSPath and friends.
            WriteObject(InvokeProvider.Item.Get([destination], force: false, literalPath: true), enumerateCollection: true);
        }
    }

    /// <summary>A regular file (or a new one): written beside the target and moved onto it, links left as they are.</summary>
    private void WriteByReplacing(string target, string destination, Action<Stream> write)
    {
        var directory = System.IO.Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            ThrowCommandError(new DirectoryNotFoundException(string.Format(Strings.OutputDirectoryNotFound, directory)), "OutputDirectoryNotFound", ErrorCategory.ObjectNotFound, destination);
        }

        var temporary = System.IO.Path.Join(directory, $".{System.IO.Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temporary, target, overwrite: true);
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
    }

    /// <summary>
    /// A device, FIFO or socket: opened and written as it is. Opening a FIFO waits for a reader, so the open and the
    /// write run on a worker while the pipeline thread waits, and Ctrl+C still stops the command.
    /// </summary>
    private void WriteInPlace(string target, string destination, Action<Stream> write)
    {
        var writing = Task.Run(() =>
        {
            using var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 4096);
            write(stream);
        });
        try
        {
            writing.Wait(Cancellation);
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            // Stopped by the user: PowerShell ends the pipeline itself; a FIFO with no reader keeps the worker waiting.
            return;
        }
        catch (AggregateException e) when (e.InnerException is IOException or UnauthorizedAccessException)
        {
            ThrowCommandError(e.InnerException!, "OutputFileWriteFailed", ErrorCategory.WriteError, destination);
        }
    }

    /// <summary>UTF-8 without a byte-order mark, the encoding every consumer of these formats expects.</summary>
    protected static StreamWriter TextWriterFor(Stream stream) => ReportRendering.TextWriterFor(stream);

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
