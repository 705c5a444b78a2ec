using System.Text.RegularExpressions;

namespace ContainerSecurity.Engine.Docker.Dockerfiles.Rules;

/// <summary>
/// Package-manager use: risky packages left in the final image (DI004), recommends (DI005), caches left in layers
/// (DI006), an index update alone (DI008), sudo (DI016).
/// </summary>
internal static partial class PackageRules
{
    public static IEnumerable<DockerfileRule> Rules =>
    [
        new("DI004", RiskyPackages),
        new("DI005", Recommends),
        new("DI006", Caches),
        new("DI008", UpdateAlone),
        new("DI016", Sudo),
    ];

    /// <summary>RUN steps whose layers end up in the final image.</summary>
    private static IEnumerable<DockerfileStep> FinalRuns(DockerfileDocument document) =>
        document.FinalStage is { } final
            ? final.Lineage.Reverse().SelectMany(s => s.Steps).Where(s => s.Instruction.Keyword == "RUN")
            : [];

    private static IEnumerable<DockerfileStep> AllRuns(DockerfileDocument document) =>
        document.Stages.SelectMany(s => s.Steps).Where(s => s.Instruction.Keyword == "RUN");

    private static IEnumerable<CheckResult> RiskyPackages(DockerfileDocument document, DockerfileRule rule)
    {
        var runs = FinalRuns(document).ToArray();
        var commands = runs.SelectMany(run => PackageCommand.In(run.Instruction).Select(command => (run, command))).ToArray();
        var removed = commands
            .Where(c => c.command.Action == PackageAction.Remove)
            .SelectMany(c => c.command.Packages.Select(PackageCommand.NameOf))
            .ToHashSet(StringComparer.Ordinal);
        var any = false;
        foreach (var (run, command) in commands.Where(c => c.command.Action == PackageAction.Install && c.command.Manager is "apt" or "apk" or "yum" or "zypper"))
        {
            if (command.VirtualName is { } group && removed.Contains(group.ToLowerInvariant()))
            {
                continue;
            }

            foreach (var package in command.Packages.Select(PackageCommand.NameOf).Where(p => !removed.Contains(p)).Distinct())
            {
                if (Classify(package) is { } kind)
                {
                    any = true;
                    yield return rule.Fail(run.Instruction, $"The final image installs {package} ({kind}) and never removes it.", $"{command.Command.Program} {string.Join(" ", command.Command.Arguments)}", "no privilege tools, SSH servers, compilers, debuggers or network tools in the final stage");
                }
            }
        }

        if (!any && document.FinalStage is { } final)
        {
            yield return rule.Pass(final.From, "The final image installs no privilege tools, SSH servers, compilers, debuggers or network tools.", $"{commands.Count(c => c.command.Action == PackageAction.Install)} install command(s)", "no such packages");
        }
    }

    internal static string? Classify(string package) => package switch
    {
        "sudo" or "doas" => "privilege tool",
        "openssh-server" or "openssh" or "dropbear" or "ssh" => "SSH server",
        "gdb" or "strace" or "ltrace" => "debugger",
        "netcat" or "netcat-openbsd" or "netcat-traditional" or "nc" or "ncat" or "nmap-ncat" or "socat" or "nmap" or "busybox-extras" => "network tool",
        _ when Compiler().IsMatch(package) => "compiler or build tool chain",
        _ => null,
    };

    private static IEnumerable<CheckResult> Recommends(DockerfileDocument document, DockerfileRule rule)
    {
        var configured = false;
        foreach (var run in FinalRuns(document))
        {
            // A RUN that writes APT::Install-Recommends "0" (or false) to apt.conf.d covers the installs after it.
            configured |= AptRecommendsOff().IsMatch(run.Instruction.CommandText);
            foreach (var command in PackageCommand.In(run.Instruction).Where(c => c.Manager == "apt" && c.Action == PackageAction.Install))
            {
                var off = configured
                    || command.Options.Contains("--no-install-recommends")
                    || command.Options.Any(o => AptRecommendsOff().IsMatch(o));
                yield return off
                    ? rule.Pass(run.Instruction, "apt-get install skips recommended packages.", Shorten(command), "--no-install-recommends")
                    : rule.Fail(run.Instruction, $"{command.Command.Program} install also installs every recommended package.", Shorten(command), "--no-install-recommends");
            }
        }
    }

    private static IEnumerable<CheckResult> Caches(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var run in FinalRuns(document))
        {
            var text = run.Instruction.CommandText;
            var cacheMounts = string.Join(" ", run.Instruction.Flags.Where(f => f.Name == "mount" && f.Value is not null && f.Value.Contains("type=cache", StringComparison.Ordinal)).Select(f => f.Value));
            foreach (var manager in PackageCommand.In(run.Instruction).Where(c => c.Action == PackageAction.Install).GroupBy(c => c.Manager))
            {
                var command = manager.First();
                var (clean, expected) = manager.Key switch
                {
                    "apt" => (text.Contains("/var/lib/apt/lists", StringComparison.Ordinal) && text.Contains("rm ", StringComparison.Ordinal) || cacheMounts.Contains("/var/lib/apt", StringComparison.Ordinal), "rm -rf /var/lib/apt/lists/* in the same RUN"),
                    "apk" => (manager.All(c => c.Options.Contains("--no-cache")) || text.Contains("/var/cache/apk", StringComparison.Ordinal) || cacheMounts.Contains("/var/cache/apk", StringComparison.Ordinal), "apk add --no-cache"),
                    "yum" => (YumClean().IsMatch(text) || cacheMounts.Contains("/var/cache/", StringComparison.Ordinal), $"{command.Command.Program} clean all in the same RUN"),
                    "zypper" => (ZypperClean().IsMatch(text) || cacheMounts.Contains("/var/cache/zypp", StringComparison.Ordinal), "zypper clean -a in the same RUN"),
                    "pip" => (manager.All(c => c.Options.Contains("--no-cache-dir")) || PipCacheOff(run) || cacheMounts.Contains(".cache/pip", StringComparison.Ordinal), "pip install --no-cache-dir"),
                    "yarn" => (text.Contains("yarn cache clean", StringComparison.Ordinal) || cacheMounts.Contains("yarn", StringComparison.Ordinal), "yarn cache clean in the same RUN"),
                    _ => (true, string.Empty),
                };
                yield return clean
                    ? rule.Pass(run.Instruction, $"The {manager.Key} install leaves no package cache in its layer.", Shorten(command), expected)
                    : rule.Fail(run.Instruction, $"The {manager.Key} install leaves its package cache in the layer.", Shorten(command), expected);
            }
        }
    }

    private static bool PipCacheOff(DockerfileStep run) =>
        run.Variables.TryGet("PIP_NO_CACHE_DIR", out var value) && value is not null && value is not ("" or "0" or "false" or "False");

    private static IEnumerable<CheckResult> UpdateAlone(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var run in AllRuns(document))
        {
            var commands = PackageCommand.In(run.Instruction).ToArray();
            var refresh = commands.FirstOrDefault(c => c.Action == PackageAction.Refresh);
            if (refresh is null)
            {
                continue;
            }

            var installs = commands.Any(c => c.Action is PackageAction.Install or PackageAction.Upgrade);
            yield return installs
                ? rule.Pass(run.Instruction, "The package index is refreshed in the same RUN as the install.", Shorten(refresh), "update and install in one RUN")
                : rule.Fail(run.Instruction, $"'{refresh.Command.Program} {string.Join(" ", refresh.Command.Arguments)}' runs alone; its cached layer keeps a stale index for later installs.", Shorten(refresh), "update and install in one RUN");
        }
    }

    private static IEnumerable<CheckResult> Sudo(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var run in AllRuns(document))
        {
            var sudo = DockerfileScripts.Commands(run.Instruction).FirstOrDefault(c => c.UsesSudo);
            if (sudo is not null)
            {
                yield return rule.Fail(run.Instruction, "RUN uses sudo: the build user has sudo rights, which the container's user keeps.", string.Join(" ", sudo.Words), "no sudo; switch USER around steps that need root");
            }
        }
    }

    private static string Shorten(PackageCommand command)
    {
        var text = string.Join(" ", command.Command.Words);
        return text.Length <= 120 ? text : text[..117] + "...";
    }

    [GeneratedRegex(@"^(gcc|g\+\+|cpp|clang|llvm|make|cmake|build-essential|build-base|musl-dev|libc6-dev|libc-dev|gcc-c\+\+|golang|rustc|cargo)(-\d+(\.\d+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Compiler();

    [GeneratedRegex(@"APT::Install-Recommends\s*[= ]\s*[""']?(0|false)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AptRecommendsOff();

    [GeneratedRegex(@"\b(yum|dnf|microdnf|tdnf)\s+(-\S+\s+)*clean\s+all\b|rm\s+-\S*\s+/var/cache/(yum|dnf)", RegexOptions.CultureInvariant)]
    private static partial Regex YumClean();

    [GeneratedRegex(@"\bzypper\s+(-\S+\s+)*(clean|cc)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ZypperClean();
}
