using System.Text;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// Reads Kubernetes objects from files and folders. Folders are walked recursively for <c>.yaml</c>, <c>.yml</c> and
/// <c>.json</c> files (a file named explicitly is read whatever its extension); symbolic-link loops are detected;
/// binary, unreadable and badly encoded files are reported and skipped. Each file streams: memory does not grow
/// with the number or size of the files.
/// </summary>
public static class ManifestFileSource
{
    private static readonly string[] s_extensions = [".yaml", ".yml", ".json"];

    /// <summary>The manifest files under <paramref name="paths"/>, in a stable order.</summary>
    public static IEnumerable<ManifestReadResult> ReadPaths(IEnumerable<string> paths, ManifestLimits? limits = null, CancellationToken cancellation = default)
    {
        foreach (var path in paths)
        {
            foreach (var file in EnumerateFiles(path))
            {
                cancellation.ThrowIfCancellationRequested();
                if (file.Problem is not null)
                {
                    yield return ManifestReadResult.Failed(file.Problem);
                    continue;
                }

                // A defect met in one file must not end the scan: report it and go on with the next file.
                using var results = ReadFile(file.Path!, limits).GetEnumerator();
                while (true)
                {
                    ScanProblem? failure = null;
                    try
                    {
                        if (!results.MoveNext())
                        {
                            break;
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failure = new ScanProblem("ManifestReadFailed", ProblemKind.Unexpected, file.Path!,
                            new InvalidOperationException($"{file.Path}: the file could not be audited: {e.Message}", e));
                    }

                    if (failure is not null)
                    {
                        yield return ManifestReadResult.Failed(failure);
                        break;
                    }

                    yield return results.Current;
                }
            }
        }
    }

    /// <summary>Reads one file.</summary>
    public static IEnumerable<ManifestReadResult> ReadFile(string path, ManifestLimits? limits = null)
    {
        FileStream? stream = null;
        ScanProblem? problem = null;
        try
        {
            // Unbuffered: the StreamReader buffers. Binary content is detected while reading (NUL characters).
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException e)
        {
            problem = new ScanProblem("ManifestFileUnreadable", ProblemKind.PermissionDenied, path, new UnauthorizedAccessException($"{path}: {e.Message}", e));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = new ScanProblem("ManifestFileNotFound", ProblemKind.NotFound, path, new FileNotFoundException($"{path}: the file no longer exists.", path, e));
        }
        catch (IOException e)
        {
            problem = new ScanProblem("ManifestFileUnreadable", ProblemKind.Unexpected, path, new IOException($"{path}: {e.Message}", e));
        }

        if (problem is not null)
        {
            stream?.Dispose();
            yield return ManifestReadResult.Failed(problem);
            yield break;
        }

        using var reader = new StreamReader(stream!, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024);
        foreach (var result in ManifestReader.Read(reader, path, limits))
        {
            yield return result;
        }
    }

    private static IEnumerable<(string? Path, ScanProblem? Problem)> EnumerateFiles(string path)
    {
        if (File.Exists(path))
        {
            yield return (path, null);
            yield break;
        }

        if (!Directory.Exists(path))
        {
            yield return (null, new ScanProblem("ManifestPathNotFound", ProblemKind.NotFound, path, new FileNotFoundException($"{path}: no such file or folder.", path)));
            yield break;
        }

        // Walk iteratively; a folder reached twice (through a link) is a loop and is not entered again.
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(path);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            var identity = RealPath(directory);
            if (!visited.Add(identity))
            {
                yield return (null, new ScanProblem("SymbolicLinkLoop", ProblemKind.InvalidData, directory,
                    new IOException($"{directory}: this folder was already read through another path (a symbolic-link loop?); skipped.")));
                continue;
            }

            string[] files, directories;
            ScanProblem? problem = null;
            try
            {
                files = Directory.GetFiles(directory);
                directories = Directory.GetDirectories(directory);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                files = directories = [];
                problem = new ScanProblem("ManifestFolderUnreadable", e is UnauthorizedAccessException ? ProblemKind.PermissionDenied : ProblemKind.Unexpected,
                    directory, new IOException($"{directory}: {e.Message}", e));
            }

            if (problem is not null)
            {
                yield return (null, problem);
                continue;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (s_extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                {
                    yield return (file, null);
                }
            }

            Array.Sort(directories, StringComparer.Ordinal);
            for (var i = directories.Length - 1; i >= 0; i--)
            {
                pending.Push(directories[i]);
            }
        }
    }

    private static string RealPath(string directory)
    {
        try
        {
            // Resolve every link on the way, so two spellings of one folder compare equal.
            var info = new DirectoryInfo(directory);
            var target = info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
            var parent = Path.GetDirectoryName(target);
            return parent is null || parent == target ? target : Path.Join(RealPath(parent), Path.GetFileName(target));
        }
        catch (IOException)
        {
            return Path.GetFullPath(directory);
        }
    }
}
