using System.Runtime.InteropServices;

namespace ContainerSecurity.Commands;

/// <summary>What an output path holds, after following symbolic links.</summary>
internal enum OutputFileKind
{
    /// <summary>Nothing yet: the file is created.</summary>
    Missing,
    /// <summary>A regular file: replaced only with -Force.</summary>
    Regular,
    /// <summary>A character or block device, a FIFO or a socket: written to in place, never replaced.</summary>
    Special,
}

/// <summary>
/// Where an export really writes. A symbolic link is followed to its final target, as Export-Csv does, so the link
/// stays a link and the file it names gets the report; a device or FIFO (/dev/stdout, a named pipe) is written to
/// directly, because replacing it with a regular file would break whatever reads it.
/// </summary>
internal sealed record OutputFile(string Path, OutputFileKind Kind)
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int NoSuchFile = 2;
    private const int TooManyLinks = 40;

    /// <summary>The final target of <paramref name="path"/> and what it is.</summary>
    /// <exception cref="IOException">A link loop, or the target cannot be examined.</exception>
    public static OutputFile Of(string path)
    {
        // The type comes from the path itself (stat follows every link, /proc/self/fd's magic ones included), and a
        // device is opened by that same path; only a file to be replaced needs the name of the link's final target.
        var kind = KindOf(path);
        if (kind == OutputFileKind.Special)
        {
            return new OutputFile(path, kind);
        }

        var info = new FileInfo(path);
        var target = info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        return new OutputFile(target, kind);
    }

    private static OutputFileKind KindOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(path) ? OutputFileKind.Regular : OutputFileKind.Missing;
        }

        // .NET has no managed way to tell a device or FIFO from a file; statx(2) reports the type.
        var buffer = new byte[256];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, 0, StatxType, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            // A libc without statx (macOS): every existing target counts as a regular file.
            return File.Exists(path) ? OutputFileKind.Regular : OutputFileKind.Missing;
        }

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno switch
            {
                // Missing, or a link whose target is missing: the file is created where the link points.
                NoSuchFile => OutputFileKind.Missing,
                TooManyLinks => throw new IOException(string.Format(Strings.OutputPathLinkLoop, path)),
                _ => throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}"),
            };
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & FileTypeMask) == RegularType ? OutputFileKind.Regular : OutputFileKind.Special;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
