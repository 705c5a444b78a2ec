using System.Runtime.InteropServices;

namespace ContainerSecurity.Engine.Files;

/// <summary>What kind of file system object a path names.</summary>
public enum FileObjectKind
{
    /// <summary>Nothing exists there (or a link leads nowhere).</summary>
    Missing,
    /// <summary>A regular file: the only kind whose content is read.</summary>
    RegularFile,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A symbolic link (only when links are not followed).</summary>
    SymbolicLink,
    /// <summary>A named pipe: reading it waits for a writer, possibly forever.</summary>
    Fifo,
    /// <summary>A character device such as /dev/zero: endless or blocking.</summary>
    CharacterDevice,
    /// <summary>A block device: a whole disk.</summary>
    BlockDevice,
    /// <summary>A Unix socket: not readable as a file.</summary>
    Socket,
}

/// <summary>A file system object's kind and identity (device and inode), so a walk can tell a folder met twice.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Device">The device the object lives on (0 where unknown).</param>
/// <param name="Inode">The inode (0 where unknown).</param>
/// <param name="Size">The size the file system reports (0 for most /proc files, which still have content).</param>
public readonly record struct FileProbe(FileObjectKind Kind, ulong Device, ulong Inode, long Size)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int BufferSize = 256;

    /// <summary>The kind of a path, following a final symbolic link unless <paramref name="followLink"/> is false.</summary>
    public static FileProbe Of(string path, bool followLink = true)
    {
        if (OperatingSystem.IsWindows())
        {
            return Managed(path, followLink);
        }

        var buffer = new byte[BufferSize];
        return Statx(AtFdCwd, path, followLink ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) == 0 ? Decode(buffer) : default;
    }

    /// <summary>The kind of an open file, which may differ from what its path named a moment before.</summary>
    public static FileProbe Of(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (OperatingSystem.IsWindows())
        {
            return new FileProbe(FileObjectKind.RegularFile, 0, 0, 0);
        }

        var buffer = new byte[BufferSize];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            return Statx(fd, string.Empty, AtEmptyPath, StatxBasicStats, buffer) == 0 ? Decode(buffer) : default;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Words for messages: "a named pipe (FIFO)", "a character device" …</summary>
    public string Describe() => Kind switch
    {
        FileObjectKind.Fifo => "a named pipe (FIFO)",
        FileObjectKind.CharacterDevice => "a character device",
        FileObjectKind.BlockDevice => "a block device",
        FileObjectKind.Socket => "a socket",
        FileObjectKind.Directory => "a folder",
        FileObjectKind.SymbolicLink => "a symbolic link",
        FileObjectKind.Missing => "missing",
        _ => "a regular file",
    };

    // statx's buffer has one layout on every Linux architecture: mode at 28, inode at 32, size at 40, device at 136/140.
    private static FileProbe Decode(byte[] buffer)
    {
        var mode = BitConverter.ToUInt16(buffer, 28);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileObjectKind.RegularFile,
            0x4000 => FileObjectKind.Directory,
            0xA000 => FileObjectKind.SymbolicLink,
            0x1000 => FileObjectKind.Fifo,
            0x2000 => FileObjectKind.CharacterDevice,
            0x6000 => FileObjectKind.BlockDevice,
            0xC000 => FileObjectKind.Socket,
            _ => FileObjectKind.Missing,
        };
        var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
        return new FileProbe(kind, device, BitConverter.ToUInt64(buffer, 32), (long)BitConverter.ToUInt64(buffer, 40));
    }

    private static FileProbe Managed(string path, bool followLink)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return default;
        }

        if (info.LinkTarget is not null && !followLink)
        {
            return new FileProbe(FileObjectKind.SymbolicLink, 0, 0, 0);
        }

        return info is DirectoryInfo
            ? new FileProbe(FileObjectKind.Directory, 0, 0, 0)
            : new FileProbe(FileObjectKind.RegularFile, 0, 0, ((FileInfo)info).Length);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
