using ContainerSecurity.Engine.Files;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// Reads Kubernetes objects from files and folders. Folders are walked recursively for <c>.yaml</c>, <c>.yml</c> and
/// <c>.json</c> files (a file named explicitly is read whatever its extension) by the module's one walker
/// (<see cref="InputFileWalker"/>: links to folders are not followed, FIFOs and devices are skipped); binary and
/// unreadable files are reported and skipped; a document with bytes that are not valid in the file's encoding is
/// reported at its place and the other documents of the file are read. Each file streams: memory does not grow
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
            // A path that yields neither an object nor an error would look like a clean audit: fail closed instead.
            var answered = false;
            foreach (var file in EnumerateFiles(path, cancellation))
            {
                cancellation.ThrowIfCancellationRequested();
                if (file.Note is { } note)
                {
                    yield return note;
                    continue;
                }

                if (file.Problem is not null)
                {
                    answered = true;
                    yield return ManifestReadResult.Failed(file.Problem);
                    continue;
                }

                // A defect met in one file must not end the scan: report it and go on with the next file.
                using var results = ReadFile(file.Path!, limits, cancellation).GetEnumerator();
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
                    catch (InputTooLargeException e)
                    {
                        failure = new ScanProblem("ManifestFileTooLarge", ProblemKind.LimitsExceeded, file.Path!, e);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failure = new ScanProblem("ManifestReadFailed", ProblemKind.Unexpected, file.Path!,
                            new InvalidOperationException($"{file.Path}: the file could not be audited: {e.Message}", e));
                    }

                    if (failure is not null)
                    {
                        yield return ManifestReadResult.Failed(failure);
                        answered = true;
                        break;
                    }

                    answered |= results.Current.Object is not null || results.Current.Problem is not null;
                    yield return results.Current;
                }
            }

            if (!answered)
            {
                yield return ManifestReadResult.Failed(new ScanProblem("NoKubernetesObject", ProblemKind.NotFound, path,
                    new InvalidDataException($"{path}: no Kubernetes object was found in it, so nothing was audited (a manifest holds documents with apiVersion and kind).")));
            }
        }
    }

    /// <summary>Reads one file.</summary>
    public static IEnumerable<ManifestReadResult> ReadFile(string path, ManifestLimits? limits = null, CancellationToken cancellation = default)
    {
        Stream? stream = null;
        ScanProblem? problem = null;
        try
        {
            // Only a regular file is opened, its size is bounded, and each read observes the token (InputFile).
            stream = InputFile.Open(path, InputKind.Manifest, cancellation);
        }
        catch (UnauthorizedAccessException e)
        {
            problem = new ScanProblem("ManifestFileUnreadable", ProblemKind.PermissionDenied, path, new UnauthorizedAccessException($"{path}: {e.Message}", e));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = new ScanProblem("ManifestFileNotFound", ProblemKind.NotFound, path, new FileNotFoundException($"{path}: the file no longer exists.", path, e));
        }
        catch (NotRegularFileException e)
        {
            problem = new ScanProblem("NotRegularFile", ProblemKind.InvalidData, path, e);
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

        using var reader = new DecodingTextReader(stream!);
        foreach (var result in ManifestReader.Read(reader, path, limits))
        {
            yield return result;
        }
    }

    private static IEnumerable<(string? Path, ScanProblem? Problem, ManifestReadResult? Note)> EnumerateFiles(string path, CancellationToken cancellation)
    {
        foreach (var entry in InputFileWalker.Enumerate(path, InputKind.Manifest, cancellation))
        {
            if (entry.File is { } file)
            {
                yield return (file, null, null);
            }
            else if (entry.Problem is { } problem)
            {
                yield return (null, problem, null);
            }
            else
            {
                yield return (null, null, entry.Warning is { } warning ? ManifestReadResult.Warn(warning) : ManifestReadResult.Skip(entry.Detail!));
            }
        }
    }
}
