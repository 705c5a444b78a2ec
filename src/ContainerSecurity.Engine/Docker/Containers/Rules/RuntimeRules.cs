namespace ContainerSecurity.Engine.Docker.Containers.Rules;

/// <summary>How the container runs: read-only root filesystem (DC013), health check (DC026), SSH server (DC007).</summary>
internal static class RuntimeRules
{
    private static readonly string[] s_sshServers = ["sshd", "dropbear"];

    private static readonly HashSet<string> s_interpreters = new(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "busybox", "python", "python3", "perl", "env", "tini", "dumb-init" };

    public static IEnumerable<ContainerRule> Rules =>
    [
        new("DC013", ReadOnlyRoot),
        new("DC026", HealthCheck),
        new("DC007", SshServer),
    ];

    private static IEnumerable<CheckResult> ReadOnlyRoot(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        yield return c.HostConfig.Bool("ReadonlyRootfs")
            ? rule.Pass($"Container '{c.Name}' has a read-only root filesystem.", "ReadonlyRootfs=true", "ReadonlyRootfs=true (--read-only)", "HostConfig.ReadonlyRootfs")
            : rule.Fail($"Container '{c.Name}' can write to its root filesystem.", "ReadonlyRootfs=false", "ReadonlyRootfs=true (--read-only)", "HostConfig.ReadonlyRootfs");
    }

    private static IEnumerable<CheckResult> HealthCheck(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var test = (c.Config.Member("Healthcheck") ?? default).Strings("Test");
        if (test.Count == 0)
        {
            yield return rule.Fail($"Container '{c.Name}' has no health check.", "(none)", "a HEALTHCHECK in the image or --health-cmd", "Config.Healthcheck");
        }
        else if (test[0].Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            yield return rule.Fail($"Container '{c.Name}' has its health check disabled.", "NONE", "a HEALTHCHECK in the image or --health-cmd", "Config.Healthcheck");
        }
        else
        {
            var status = c.Document.Path("State", "Health")?.String("Status");
            yield return rule.Pass($"Container '{c.Name}' has a health check{(status is null ? string.Empty : $" (currently {status})")}.", string.Join(" ", test), "a HEALTHCHECK in the image or --health-cmd", "Config.Healthcheck");
        }
    }

    private static IEnumerable<CheckResult> SshServer(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        if (subject.Processes is not { } top)
        {
            // Without a process list (saved inspect output, stopped containers, or process listing not asked for)
            // the main process from inspect is what can be judged.
            var main = string.Join(" ", new[] { c.Document.String("Path") ?? string.Empty }.Concat(c.Document.Strings("Args"))).Trim();
            yield return IsSshServer(main)
                ? rule.Fail($"Container '{c.Name}' runs an SSH server as its main process ({Program(main)}).", main, "no SSH server in the container", "Path")
                : rule.Pass($"Container '{c.Name}' does not run an SSH server as its main process (other processes are listed with -ListProcesses).", main.Length == 0 ? "(unknown)" : main, "no SSH server in the container", "Path");
            yield break;
        }

        var command = IndexOf(top.Titles, "CMD") is var cmd and >= 0 ? cmd : IndexOf(top.Titles, "COMMAND");
        var servers = top.Processes
            .Where(p => command >= 0 && command < p.Count)
            .Select(p => p[command])
            .Where(IsSshServer)
            .ToArray();
        foreach (var server in servers)
        {
            yield return rule.Fail($"Container '{c.Name}' runs an SSH server ({Program(server)}).", server, "no SSH server in the container", "GET /containers/{id}/top");
        }

        if (servers.Length == 0)
        {
            yield return rule.Pass($"Container '{c.Name}' runs no SSH server.", $"{top.Processes.Count} process(es)", "no SSH server in the container", "GET /containers/{id}/top");
        }
    }

    private static int IndexOf(IReadOnlyList<string> titles, string title)
    {
        for (var i = 0; i < titles.Count; i++)
        {
            if (titles[i].Equals(title, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The program, or the script an interpreter runs, is named like an SSH server.</summary>
    internal static bool IsSshServer(string commandLine)
    {
        var words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var program = Basename(words[i]).TrimEnd(':');
            if (s_sshServers.Any(s => program.Equals(s, StringComparison.Ordinal) || program.StartsWith(s + ":", StringComparison.Ordinal)))
            {
                return true;
            }

            // Only look past an interpreter or init wrapper and its options, never into ordinary arguments.
            if (!s_interpreters.Contains(program) && !(i > 0 && words[i].StartsWith('-')))
            {
                return false;
            }
        }

        return false;
    }

    private static string Program(string commandLine) => Basename(commandLine.Split(' ', 2)[0]);

    private static string Basename(string path) => path[(path.LastIndexOf('/') + 1)..];
}
