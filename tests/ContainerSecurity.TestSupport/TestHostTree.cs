using System.Runtime.InteropServices;
using System.Text.Json;

namespace ContainerSecurity.Tests.Shared;

/// <summary>
/// A temporary directory laid out like a Docker host's file system, for -Root audits: files, directories, sockets and
/// symbolic links with real owners (chown, which needs root) and modes, and the host's own /etc/passwd and /etc/group.
/// </summary>
public sealed class TestHostTree : IDisposable
{
    public const string DefaultPasswd = "root:x:0:0:root:/root:/bin/sh\nalice:x:1001:1001::/home/alice:/bin/sh\nmallory:x:1000:1000::/home/mallory:/bin/sh\n";
    public const string DefaultGroup = "root:x:0:\nmallory:x:1000:\nalice:x:1001:\ndocker:x:999:\n";

    private const uint SocketFileType = 0xC000;

    public TestHostTree()
    {
        Root = Directory.CreateTempSubdirectory("cshost").FullName;
        Write("/etc/passwd", DefaultPasswd);
        Write("/etc/group", DefaultGroup);
    }

    public string Root { get; }

    /// <summary>Whether files can be given away to other users here (root only).</summary>
    public static bool CanChown => Environment.UserName == "root";

    public string Local(string hostPath) => Path.Join(Root, hostPath);

    /// <summary>Writes a file (parents created) with a mode and owner.</summary>
    public string Write(string hostPath, string content, string mode = "0644", uint uid = 0, uint gid = 0)
    {
        var local = Local(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.WriteAllText(local, content);
        Own(local, mode, uid, gid);
        return local;
    }

    public string Folder(string hostPath, string mode = "0755", uint uid = 0, uint gid = 0)
    {
        var local = Local(hostPath);
        Directory.CreateDirectory(local);
        Own(local, mode, uid, gid);
        return local;
    }

    /// <summary>A unix socket file, as a daemon leaves it while it listens.</summary>
    public string Socket(string hostPath, string mode = "0660", uint uid = 0, uint gid = 0)
    {
        var local = Local(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        // mknod rather than bind: .NET removes a bound socket's file when the socket is closed.
        if (Mknod(local, SocketFileType | 0x180, 0) != 0)
        {
            throw new IOException($"mknod {local} failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        Own(local, mode, uid, gid);
        return local;
    }

    public void Link(string hostPath, string target)
    {
        var local = Local(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.CreateSymbolicLink(local, target);
    }

    /// <summary>Lays out the "files" array of a fixture: path, kind (file, directory, socket, symlink), mode, uid, gid, content, target.</summary>
    public void Apply(JsonElement files)
    {
        foreach (var file in files.EnumerateArray())
        {
            var path = file.GetProperty("path").GetString()!;
            var mode = file.TryGetProperty("mode", out var m) ? m.GetString()! : "0644";
            var uid = file.TryGetProperty("uid", out var u) ? u.GetUInt32() : 0;
            var gid = file.TryGetProperty("gid", out var g) ? g.GetUInt32() : 0;
            switch (file.TryGetProperty("kind", out var k) ? k.GetString() : "file")
            {
                case "directory":
                    Folder(path, mode, uid, gid);
                    break;
                case "socket":
                    Socket(path, mode, uid, gid);
                    break;
                case "symlink":
                    Link(path, file.GetProperty("target").GetString()!);
                    break;
                default:
                    Write(path, file.TryGetProperty("content", out var c) ? c.GetString()! : string.Empty, mode, uid, gid);
                    break;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is not worth failing a test over.
        }
    }

    private static void Own(string local, string mode, uint uid, uint gid)
    {
        // chmod(2) rather than File.SetUnixFileMode, which opens the file and so cannot change a socket.
        if (Chmod(local, Convert.ToUInt32(mode, 8)) != 0)
        {
            throw new IOException($"chmod {mode} {local} failed with errno {Marshal.GetLastPInvokeError()}.");
        }
        if (CanChown && Chown(local, uid, gid) != 0)
        {
            throw new IOException($"chown {uid}:{gid} {local} failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "mknod", SetLastError = true)]
    private static extern int Mknod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode, ulong device);

    [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
    private static extern int Chmod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
