using System.Management.Automation;

namespace ContainerSecurity.Commands;

/// <summary>
/// Turns -Path (wildcards) and -LiteralPath values into file-system paths through the PowerShell provider, the way
/// built-in cmdlets do: relative to the current location, PSPath-aware, FileSystem only. A path that resolves to
/// nothing (a missing file, or a wildcard that matches nothing, as Get-Item reports it) is an error for that path,
/// and the other paths are still read.
/// </summary>
internal static class ProviderPaths
{
    public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal)
    {
        foreach (var path in paths)
        {
            foreach (var resolved in ResolveOne(cmdlet, path, literal))
            {
                yield return resolved;
            }
        }
    }

    private static List<string> ResolveOne(PSCmdlet cmdlet, string path, bool literal)
    {
        try
        {
            ProviderInfo provider;
            List<string> resolved;
            if (literal)
            {
                resolved = [cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _)];
                if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider) && !File.Exists(resolved[0]) && !Directory.Exists(resolved[0]))
                {
                    throw new ItemNotFoundException(string.Format(Strings.PathNotFound, path));
                }
            }
            else
            {
                resolved = [.. cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider)];
                if (resolved.Count == 0)
                {
                    // A wildcard that matches nothing is no error to the provider; to an audit it is nothing audited.
                    throw new ItemNotFoundException(string.Format(ExistsLiterally(cmdlet, path) ? Strings.PathMatchedNothingLiteralHint : Strings.PathMatchedNothing, path));
                }
            }

            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                WriteError(cmdlet, new ArgumentException(string.Format(Strings.PathNotFileSystem, path, provider.Name)), "PathNotFileSystem", ErrorCategory.InvalidArgument, path);
                return [];
            }

            return resolved;
        }
        catch (ItemNotFoundException e)
        {
            WriteError(cmdlet, e, "PathNotFound", ErrorCategory.ObjectNotFound, path);
            return [];
        }
    }

    private static bool ExistsLiterally(PSCmdlet cmdlet, string path)
    {
        try
        {
            var literal = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            return File.Exists(literal) || Directory.Exists(literal);
        }
        catch (Exception e) when (e is ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or NotSupportedException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Through the module's cmdlets' own error path, so that a path that was not audited makes -Quiet answer $false.</summary>
    private static void WriteError(PSCmdlet cmdlet, Exception exception, string errorId, ErrorCategory category, string path)
    {
        if (cmdlet is ContainerSecurityCommandBase command)
        {
            command.WriteItemError(exception, errorId, category, path);
        }
        else
        {
            cmdlet.WriteError(ContainerSecurityCommandBase.Masked(new ErrorRecord(exception, errorId, category, path)));
        }
    }
}
