using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

public sealed class DockerdProcessReaderTests
{
    [Fact]
    public void Every_dockerd_process_is_read_not_only_the_newest()
    {
        var proc = Directory.CreateTempSubdirectory("csproc").FullName;
        try
        {
            Process(proc, 100, "/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock");
            Process(proc, 200, "/usr/sbin/dockerd", "--config-file", "/etc/docker/other.json", "-H", "unix:///run/other.sock");
            Process(proc, 300, "/usr/bin/containerd");
            Process(proc, 400, "bash", "-c", "dockerd");
            Directory.CreateDirectory(Path.Join(proc, "self"));

            var processes = DockerdProcessReader.ReadAll(proc);

            Assert.Equal([100, 200], processes.Select(p => p.Pid));
            Assert.Equal(["--config-file", "/etc/docker/other.json", "-H", "unix:///run/other.sock"], processes[1].Arguments);
            Assert.Equal("/proc/200/cmdline", processes[1].Origin);
        }
        finally
        {
            Directory.Delete(proc, recursive: true);
        }
    }

    [Fact]
    public void The_real_proc_is_readable() =>
        Assert.All(DockerdProcessReader.ReadAll(), p => Assert.True(p.Pid > 0));

    private static void Process(string proc, int pid, params string[] argv)
    {
        var directory = Path.Join(proc, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Join(directory, "cmdline"), string.Join('\0', argv) + "\0");
    }
}
