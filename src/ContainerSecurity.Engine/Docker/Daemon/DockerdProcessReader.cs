using System.Globalization;
using System.Text;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// Finds every dockerd process in /proc and reads its command line. Unlike docker-bench-security, which looks only at the
/// newest dockerd, every one is returned, so the one serving the audited endpoint can be picked.
/// </summary>
internal static class DockerdProcessReader
{
    public static IReadOnlyList<DockerdProcess> ReadAll(string procRoot = "/proc")
    {
        var processes = new List<DockerdProcess>();
        if (!Directory.Exists(procRoot))
        {
            return processes;
        }

        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var arguments = TryReadCommandLine(Path.Join(directory, "cmdline"));
            if (arguments is { Count: > 0 } && Path.GetFileName(arguments[0]) == "dockerd")
            {
                processes.Add(new DockerdProcess(pid, arguments.Skip(1).ToList()));
            }
        }

        return processes.OrderBy(p => p.Pid).ToList();
    }

    /// <summary>The environment dockerd was started with (/proc/PID/environ); empty when it cannot be read.</summary>
    public static IReadOnlyDictionary<string, string> ReadEnvironment(DockerdProcess process, string procRoot = "/proc")
    {
        var variables = TryReadCommandLine(Path.Join(procRoot, process.Pid.ToString(CultureInfo.InvariantCulture), "environ")) ?? [];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                environment[variable[..equals]] = variable[(equals + 1)..];
            }
        }

        return environment;
    }

    /// <summary>NUL-separated argv; null for a process that ended or is not readable (both are normal while listing).</summary>
    private static List<string>? TryReadCommandLine(string path)
    {
        try
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
            return text.Split('\0', StringSplitOptions.None).SkipLast(text.EndsWith('\0') ? 1 : 0).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
