namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>What a package-manager command does: install, remove, refresh the index; with which packages and options.</summary>
/// <param name="Manager">apt, apk, yum (also dnf, microdnf), zypper, pip, yarn.</param>
/// <param name="Action">Install, Remove, Refresh, Upgrade.</param>
/// <param name="Packages">Package names as written (versions included).</param>
/// <param name="Options">The options given (words starting with -).</param>
/// <param name="VirtualName">apk add --virtual NAME: the group that apk del NAME removes.</param>
public sealed record PackageCommand(string Manager, PackageAction Action, IReadOnlyList<string> Packages, IReadOnlyList<string> Options, string? VirtualName, ShellCommand Command)
{
    private static readonly HashSet<string> s_optionsWithValue = new(StringComparer.Ordinal)
    {
        "-o", "-t", "--target-release", "--virtual", "-X", "--repository", "--setopt", "--enablerepo", "--disablerepo", "-c", "--config", "-r", "--requirement", "-i", "--index-url",
    };

    /// <summary>Recognises a package-manager command, or returns null.</summary>
    public static PackageCommand? From(ShellCommand command)
    {
        var program = command.Program;
        var (manager, verbs) = program switch
        {
            "apt-get" or "apt" or "aptitude" => ("apt", new Dictionary<string, PackageAction> { ["install"] = PackageAction.Install, ["remove"] = PackageAction.Remove, ["purge"] = PackageAction.Remove, ["autoremove"] = PackageAction.Remove, ["update"] = PackageAction.Refresh, ["upgrade"] = PackageAction.Upgrade, ["dist-upgrade"] = PackageAction.Upgrade, ["full-upgrade"] = PackageAction.Upgrade }),
            "apk" => ("apk", new Dictionary<string, PackageAction> { ["add"] = PackageAction.Install, ["del"] = PackageAction.Remove, ["update"] = PackageAction.Refresh, ["upgrade"] = PackageAction.Upgrade }),
            "yum" or "dnf" or "microdnf" or "tdnf" => ("yum", new Dictionary<string, PackageAction> { ["install"] = PackageAction.Install, ["remove"] = PackageAction.Remove, ["erase"] = PackageAction.Remove, ["makecache"] = PackageAction.Refresh, ["update"] = PackageAction.Upgrade, ["upgrade"] = PackageAction.Upgrade }),
            "zypper" => ("zypper", new Dictionary<string, PackageAction> { ["install"] = PackageAction.Install, ["in"] = PackageAction.Install, ["remove"] = PackageAction.Remove, ["rm"] = PackageAction.Remove, ["refresh"] = PackageAction.Refresh, ["ref"] = PackageAction.Refresh, ["update"] = PackageAction.Upgrade, ["up"] = PackageAction.Upgrade }),
            "pip" or "pip3" => ("pip", new Dictionary<string, PackageAction> { ["install"] = PackageAction.Install, ["uninstall"] = PackageAction.Remove }),
            "yarn" => ("yarn", new Dictionary<string, PackageAction> { ["install"] = PackageAction.Install, ["add"] = PackageAction.Install }),
            _ => (string.Empty, new Dictionary<string, PackageAction>()),
        };
        if (manager.Length == 0)
        {
            return null;
        }

        var arguments = command.Arguments;

        // python -m pip install …
        PackageAction? action = null;
        var packages = new List<string>();
        var options = new List<string>();
        string? virtualName = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var word = arguments[i];
            if (word.StartsWith('-'))
            {
                options.Add(word);
                if (s_optionsWithValue.Contains(word) && i + 1 < arguments.Count)
                {
                    options.Add(arguments[++i]);
                    if (word is "--virtual" or "-t" && manager == "apk")
                    {
                        virtualName = arguments[i];
                    }
                }
                else if (word.StartsWith("--virtual=", StringComparison.Ordinal))
                {
                    virtualName = word["--virtual=".Length..];
                }

                continue;
            }

            if (action is null)
            {
                if (verbs.TryGetValue(word, out var verb))
                {
                    action = verb;
                }
                else if (manager == "yarn")
                {
                    // A bare "yarn" installs; "yarn build" is not a package command.
                    return null;
                }

                continue;
            }

            packages.Add(word);
        }

        if (action is null && manager == "yarn" && arguments.All(a => a.StartsWith('-')))
        {
            action = PackageAction.Install;
        }

        return action is null ? null : new PackageCommand(manager, action.Value, packages, options, virtualName, command);
    }

    /// <summary>The package name without a version: "gcc=4:12.2" and "curl~8" give "gcc" and "curl".</summary>
    public static string NameOf(string package)
    {
        var end = package.IndexOfAny(['=', '~', '<', '>', '@']);
        return (end < 0 ? package : package[..end]).ToLowerInvariant();
    }

    /// <summary>The package-manager commands of a RUN instruction (shell form, exec form, heredocs).</summary>
    public static IEnumerable<PackageCommand> In(DockerfileInstruction run) =>
        DockerfileScripts.Commands(run).Select(From).OfType<PackageCommand>();
}

public enum PackageAction
{
    Install,
    Remove,
    Refresh,
    Upgrade,
}
