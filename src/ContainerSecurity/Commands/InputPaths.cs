using System.Management.Automation;
using ContainerSecurity.Engine.Files;

namespace ContainerSecurity.Commands;

/// <summary>
/// -Path/-LiteralPath to input files for the cmdlets that read files: the provider resolves the paths
/// (<see cref="ProviderPaths"/>), and the engine's one walker (<see cref="InputFileWalker"/>) turns each into files
/// with one rule for folders, links and special files. What the walk skips is written here, on the pipeline thread:
/// a warning for what the user should know, verbose detail for the rest, an error for a path that cannot be read.
/// </summary>
internal static class InputPaths
{
    /// <summary>The files to read, in order; <paramref name="emptyFolderWarning"/> (format, {0} the folder) is written for a folder that holds none.</summary>
    public static IEnumerable<string> Files(ContainerSecurityCommandBase cmdlet, IEnumerable<string> paths, bool literal, InputKind kind, CancellationToken cancellation, string? emptyFolderWarning = null)
    {
        foreach (var path in ProviderPaths.Resolve(cmdlet, paths, literal))
        {
            var found = 0;
            foreach (var entry in InputFileWalker.Enumerate(path, kind, cancellation))
            {
                if (entry.File is { } file)
                {
                    found++;
                    yield return file;
                }
                else if (entry.Warning is { } warning)
                {
                    cmdlet.WriteWarning(warning);
                }
                else if (entry.Detail is { } detail)
                {
                    cmdlet.WriteVerbose(detail);
                }
                else if (entry.Problem is { } problem)
                {
                    cmdlet.WriteError(new ErrorRecord(problem.Exception, problem.ErrorId, Category(problem.Kind), problem.Target));
                }
            }

            if (found == 0 && emptyFolderWarning is not null && Directory.Exists(path))
            {
                cmdlet.WriteWarning(string.Format(emptyFolderWarning, path));
            }
        }
    }

    private static ErrorCategory Category(Engine.Scanning.ProblemKind kind) => kind switch
    {
        Engine.Scanning.ProblemKind.NotFound => ErrorCategory.ObjectNotFound,
        Engine.Scanning.ProblemKind.PermissionDenied => ErrorCategory.PermissionDenied,
        Engine.Scanning.ProblemKind.InvalidData => ErrorCategory.InvalidArgument,
        _ => ErrorCategory.ReadError,
    };
}
