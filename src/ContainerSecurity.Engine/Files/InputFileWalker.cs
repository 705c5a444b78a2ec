using System.Runtime.InteropServices;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Files;

/// <summary>What a walk found: a file to read, a note (skipped item), or a problem (an item that could not be examined).</summary>
/// <param name="File">A regular file to read.</param>
/// <param name="Warning">Something skipped that the user should hear of (a FIFO named like a manifest, a link out of the tree).</param>
/// <param name="Detail">Something skipped that only -Verbose tells (a link back into the tree).</param>
/// <param name="Problem">An item named or found that could not be examined.</param>
public sealed record InputEntry(string? File = null, string? Warning = null, string? Detail = null, ScanProblem? Problem = null);

/// <summary>
/// The one way the module turns a path into input files, for every cmdlet with -Path or -LiteralPath:
/// <list type="bullet">
/// <item>A regular file named is read whatever its name; a FIFO, device or socket named is an error (it is never opened).</item>
/// <item>A folder is walked recursively for the kind's file names, in ordinal order; a FIFO, device or socket found
/// there with such a name is skipped with a warning.</item>
/// <item>Links to folders are never followed: a folder inside the tree is walked once, through its real location,
/// and a folder outside it (as <c>/proc/&lt;pid&gt;/cwd</c> is) is not entered, with a warning. Links to files are
/// followed. Each real folder (device and inode) is walked once, so bind mounts and loops end.</item>
/// </list>
/// </summary>
public static class InputFileWalker
{
    /// <summary>The input files under <paramref name="path"/>.</summary>
    public static IEnumerable<InputEntry> Enumerate(string path, InputKind kind, CancellationToken cancellation = default)
    {
        var root = FileProbe.Of(path);
        switch (root.Kind)
        {
            case FileObjectKind.Missing:
                yield return new InputEntry(Problem: new ScanProblem("PathNotFound", ProblemKind.NotFound, path,
                    new FileNotFoundException($"{path}: no such file or folder.", path)));
                yield break;
            case FileObjectKind.RegularFile:
                yield return new InputEntry(File: path);
                yield break;
            case FileObjectKind.Directory when kind.IsWanted is null:
                yield return new InputEntry(Problem: new ScanProblem("PathIsFolder", ProblemKind.InvalidData, path,
                    new IOException($"{path}: is a folder; name the {kind.Noun} itself.")));
                yield break;
            case FileObjectKind.Directory:
                break;
            default:
                yield return new InputEntry(Problem: new ScanProblem("NotRegularFile", ProblemKind.InvalidData, path, new NotRegularFileException(path, root)));
                yield break;
        }

        var tree = RealPath(path);
        var visited = new HashSet<(ulong, ulong)> { (root.Device, root.Inode) };
        var pending = new Stack<string>();
        pending.Push(path);
        while (pending.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            FileSystemInfo[] entries;
            ScanProblem? problem = null;
            try
            {
                entries = new DirectoryInfo(folder).GetFileSystemInfos();
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                entries = [];
                problem = new ScanProblem("FolderUnreadable", e is UnauthorizedAccessException ? ProblemKind.PermissionDenied : ProblemKind.Unexpected,
                    folder, new IOException($"{folder}: the folder cannot be read: {e.Message}", e));
            }

            if (problem is not null)
            {
                yield return new InputEntry(Problem: problem);
                continue;
            }

            Array.Sort(entries, (a, b) => StringComparer.Ordinal.Compare(a.Name, b.Name));
            var subfolders = new List<string>();
            foreach (var entry in entries)
            {
                cancellation.ThrowIfCancellationRequested();
                var own = FileProbe.Of(entry.FullName, followLink: false);
                var target = own.Kind == FileObjectKind.SymbolicLink ? FileProbe.Of(entry.FullName) : own;
                if (target.Kind == FileObjectKind.Directory)
                {
                    if (own.Kind == FileObjectKind.SymbolicLink)
                    {
                        yield return LinkedFolder(entry.FullName, tree);
                    }
                    else if (visited.Add((target.Device, target.Inode)))
                    {
                        subfolders.Add(entry.FullName);
                    }

                    continue;
                }

                if (!kind.IsWanted!(entry.Name))
                {
                    continue;
                }

                yield return target.Kind switch
                {
                    FileObjectKind.RegularFile => new InputEntry(File: entry.FullName),
                    FileObjectKind.Missing => new InputEntry(Warning: $"{entry.FullName}: a link to nothing; skipped."),
                    _ => new InputEntry(Warning: $"{entry.FullName}: is {target.Describe()}, not a regular file; skipped."),
                };
            }

            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                pending.Push(subfolders[i]);
            }
        }
    }

    private static InputEntry LinkedFolder(string link, string tree)
    {
        var real = RealPath(link);
        var inside = real == tree || real.StartsWith(tree.EndsWith(Path.DirectorySeparatorChar) ? tree : tree + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside
            ? new InputEntry(Detail: $"{link}: a link to a folder of the same tree ({real}), which is read there; not followed.")
            : new InputEntry(Warning: $"{link}: a link to a folder outside the folder given ({real}); not followed.");
    }

    /// <summary>The path with every link resolved (realpath(3)); the full path where that fails.</summary>
    internal static string RealPath(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var resolved = Realpath(path, IntPtr.Zero);
            if (resolved != IntPtr.Zero)
            {
                try
                {
                    return Marshal.PtrToStringUTF8(resolved) ?? Path.GetFullPath(path);
                }
                finally
                {
                    Free(resolved);
                }
            }
        }

        return Path.GetFullPath(path);
    }

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr Realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
