using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ContainerSecurity.Tests.Shared;

/// <summary>
/// A real dockerd (Debian's docker.io) started for a test, in its own network namespace so that several can run side
/// by side with their own docker0 bridge, with its own data and exec roots under a short temporary directory. Tests
/// that need it call <see cref="StartOrSkip"/>: on a developer machine without dockerd the test is skipped, but in
/// CI (CI=true) a daemon that cannot start fails the test.
/// </summary>
public sealed class TestDockerDaemon : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private TestDockerDaemon(string directory, string configFile, IReadOnlyList<string> arguments)
    {
        Directory = directory;
        ConfigFile = configFile;
        Arguments = arguments;
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--net", "--", DockerdPath! }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("unshare did not start.");
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    /// <summary>The daemon's private directory (data, exec root, socket, pid file, daemon.json).</summary>
    public string Directory { get; }

    /// <summary>The daemon.json the daemon was started with.</summary>
    public string ConfigFile { get; }

    /// <summary>The dockerd command line after the program name.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The daemon's endpoint, for -DockerHost and DOCKER_HOST.</summary>
    public string Endpoint => "unix://" + SocketPath;

    public string SocketPath => Path.Join(Directory, "docker.sock");

    /// <summary>The process id of dockerd (the child of unshare), whose /proc/PID/cmdline a live audit reads.</summary>
    public int DaemonProcessId => int.Parse(File.ReadAllText(Path.Join(Directory, "docker.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private static string? DockerdPath { get; } = new[] { "/usr/bin/dockerd", "/usr/sbin/dockerd", "/usr/local/bin/dockerd" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// Starts a daemon with <paramref name="daemonJson"/> as its configuration file and <paramref name="flags"/> on its
    /// command line; returns null (test skipped) when dockerd is not installed outside CI.
    /// </summary>
    public static TestDockerDaemon? StartOrSkip(string daemonJson = "{}", params string[] flags)
    {
        if (DockerdPath is null || !CanUnshare())
        {
            if (IsCi)
            {
                throw new InvalidOperationException("CI=true but dockerd cannot be started here (is the docker.io package installed, and are we root?).");
            }

            return null;
        }

        // Unix socket paths are limited to 108 bytes: keep the directory short.
        var directory = System.IO.Directory.CreateTempSubdirectory("csd").FullName;

        // userns-remap needs the remapped root to traverse the data root's parents (o+x); the directory is created 0700.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }
        var configFile = Path.Join(directory, "daemon.json");
        File.WriteAllText(configFile, daemonJson);
        string[] arguments =
        [
            $"--config-file={configFile}",
            "--data-root", Path.Join(directory, "data"),
            "--exec-root", Path.Join(directory, "exec"),
            "--pidfile", Path.Join(directory, "docker.pid"),
            "-H", "unix://" + Path.Join(directory, "docker.sock"),

            // Containers of a test are disposable: do not wait the default 15 s for each to stop.
            "--shutdown-timeout", "1",
            .. flags,
        ];
        var daemon = new TestDockerDaemon(directory, configFile, arguments);
        daemon.WaitUntilReady(TimeSpan.FromSeconds(30));
        return daemon;
    }

    /// <summary>Whether tests run in CI, where a component that cannot start is a failure, never a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the docker client against this daemon; returns stdout, throws with stderr on failure.</summary>
    public string Docker(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-H");
        start.ArgumentList.Add(Endpoint);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result.Trim()
            : throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
    }

    /// <summary>
    /// Imports a tiny image built from the busybox-static binary (no registry is reachable here), tagged
    /// <paramref name="reference"/>; returns the reference.
    /// </summary>
    public string ImportBusyboxImage(string reference = "cs-test/busybox:1.0")
    {
        var rootfs = Path.Join(Directory, "rootfs");
        System.IO.Directory.CreateDirectory(Path.Join(rootfs, "bin"));
        File.Copy("/bin/busybox", Path.Join(rootfs, "bin", "busybox"), overwrite: true);
        foreach (var applet in new[] { "sh", "sleep", "cat", "id" })
        {
            File.CreateSymbolicLink(Path.Join(rootfs, "bin", applet), "busybox");
        }

        var tarball = Path.Join(Directory, "rootfs.tar");
        Run("tar", "-C", rootfs, "-cf", tarball, ".");
        Docker("import", "--change", "CMD [\"/bin/sleep\", \"3600\"]", tarball, reference);
        return reference;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // dockerd stops its containers and its containerd on SIGTERM (unshare exec'd it: same process).
                Run("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
            RemoveLeftovers();
        }
    }

    /// <summary>
    /// Container shims outlive a daemon that had to be killed, and their mounts (overlay layers, network namespaces)
    /// outlive the shims. Left behind they slow every later process that reads /proc/self/mountinfo, so: kill
    /// whatever still runs from this daemon's directory, detach every mount below it, then delete it.
    /// </summary>
    private void RemoveLeftovers()
    {
        Run("pkill", "-KILL", "-f", Directory);
        var mountPoints = File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4])
            .Where(point => point.StartsWith(Directory, StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var mountPoint in mountPoints)
        {
            Run("umount", "-l", mountPoint);
        }

        Run("rm", "-rf", Directory);
    }

    private void WaitUntilReady(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dockerd exited with code {_process.ExitCode}:{Environment.NewLine}{Log}");
            }

            if (File.Exists(SocketPath) && Ping())
            {
                return;
            }

            Thread.Sleep(100);
        }

        Dispose();
        throw new TimeoutException($"dockerd did not answer on {SocketPath} within {timeout}:{Environment.NewLine}{Log}");
    }

    private bool Ping()
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            socket.Send("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8);
            var buffer = new byte[256];
            var read = socket.Receive(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static bool CanUnshare() => File.Exists("/usr/bin/unshare") && Environment.UserName == "root";

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
    }
}
