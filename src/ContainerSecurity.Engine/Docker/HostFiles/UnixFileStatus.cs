using System.Runtime.InteropServices;

namespace ContainerSecurity.Engine.Docker.HostFiles;

/// <summary>
/// Owner, group and mode of a file, from the statx(2) system call through libc. statx's buffer has one layout on every
/// Linux architecture, unlike struct stat, so the offsets below hold on x64 and arm64 alike.
/// </summary>
internal sealed record UnixFileStatus(uint Uid, uint Gid, UnixFileMode Mode, bool IsDirectory, bool IsSocket)
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const int BufferSize = 256;
    private const int UidOffset = 20;
    private const int GidOffset = 24;
    private const int ModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int DirectoryType = 0x4000;
    private const int SocketType = 0xC000;

    /// <summary>The permission bits (and setuid, setgid, sticky) as octal text, for example <c>0660</c>.</summary>
    public string OctalMode => Convert.ToString((int)Mode & 0xFFF, 8).PadLeft(4, '0');

    /// <summary>Reads the status of <paramref name="localPath"/> (following a final symbolic link).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be examined.</exception>
    /// <exception cref="IOException">Any other failure.</exception>
    public static UnixFileStatus Read(string localPath)
    {
        var buffer = new byte[BufferSize];
        if (Statx(AtFdCwd, localPath, 0, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                2 or 20 => new FileNotFoundException($"'{localPath}' does not exist.", localPath),
                13 or 1 => new UnauthorizedAccessException($"Cannot examine '{localPath}': permission denied."),
                _ => new IOException($"Cannot examine '{localPath}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})."),
            };
        }

        var mode = BitConverter.ToUInt16(buffer, ModeOffset);
        return new UnixFileStatus(
            BitConverter.ToUInt32(buffer, UidOffset),
            BitConverter.ToUInt32(buffer, GidOffset),
            (UnixFileMode)(mode & 0xFFF),
            (mode & FileTypeMask) == DirectoryType,
            (mode & FileTypeMask) == SocketType);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
