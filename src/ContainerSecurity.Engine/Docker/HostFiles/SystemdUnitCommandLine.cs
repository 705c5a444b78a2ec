using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Engine.Docker.HostFiles;

/// <summary>
/// The dockerd command line a host's docker.service would run, for an offline audit of a mounted host: the last
/// ExecStart= of the unit and its drop-ins (an empty ExecStart= clears the earlier ones, as in systemd), with
/// $VAR and ${VAR} expanded from Environment= and EnvironmentFile= (such as DOCKER_OPTS from /etc/default/docker or
/// OPTIONS from /etc/sysconfig/docker).
/// </summary>
internal static class SystemdUnitCommandLine
{
    /// <summary>The command line, or null when the host has no docker.service that starts dockerd.</summary>
    public static DaemonCommandLine? Read(HostRoot root)
    {
        var files = UnitFiles(root);
        if (files.Count == 0)
        {
            return null;
        }

        string? execStart = null;
        string? execOrigin = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (hostPath, localPath) in files)
        {
            foreach (var (key, value) in ServiceSettings(localPath))
            {
                switch (key)
                {
                    case "ExecStart":
                        execStart = value.Length == 0 ? null : value;
                        execOrigin = value.Length == 0 ? null : hostPath;
                        break;
                    case "Environment":
                        foreach (var assignment in DaemonCommandLine.Split(value))
                        {
                            Assign(environment, assignment);
                        }

                        break;
                    case "EnvironmentFile":
                        ReadEnvironmentFile(root, value.TrimStart('-'), environment);
                        break;
                }
            }
        }

        if (execStart is null)
        {
            return null;
        }

        var words = Expand(DaemonCommandLine.Split(execStart.TrimStart('-', '@', '+', '!', ':')), environment).ToList();
        if (words.Count == 0 || Path.GetFileName(words[0]) != "dockerd")
        {
            return null;
        }

        return DaemonCommandLine.Parse($"{execOrigin} ExecStart", words.Skip(1).ToList());
    }

    /// <summary>The unit fragment (first in systemd's search path) and then its drop-ins in file-name order.</summary>
    private static List<(string HostPath, string LocalPath)> UnitFiles(HostRoot root)
    {
        var files = new List<(string, string)>();
        var fragment = FileRequirements.UnitDirectories.Select(d => $"{d}/docker.service").FirstOrDefault(p => File.Exists(root.Resolve(p)));
        if (fragment is null)
        {
            return files;
        }

        files.Add((fragment, root.Resolve(fragment)));
        var dropIns = new SortedDictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var directory in Enumerable.Reverse(FileRequirements.UnitDirectories).Select(d => $"{d}/docker.service.d"))
        {
            var local = root.Resolve(directory);
            if (Directory.Exists(local))
            {
                // A drop-in of the same name in a higher-precedence directory replaces the lower one.
                foreach (var file in Directory.EnumerateFiles(local, "*.conf"))
                {
                    dropIns[Path.GetFileName(file)] = ($"{directory}/{Path.GetFileName(file)}", file);
                }
            }
        }

        files.AddRange(dropIns.Values);
        return files;
    }

    /// <summary>Key=value lines of the [Service] section, with backslash continuations joined.</summary>
    private static IEnumerable<(string Key, string Value)> ServiceSettings(string path)
    {
        var inService = false;
        var pending = string.Empty;
        foreach (var raw in File.ReadLines(path))
        {
            var line = pending + raw.Trim();
            if (line.EndsWith('\\'))
            {
                pending = line[..^1] + " ";
                continue;
            }

            pending = string.Empty;
            if (line.StartsWith('['))
            {
                inService = line == "[Service]";
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (inService && equals > 0 && line[0] is not ('#' or ';'))
            {
                yield return (line[..equals].Trim(), line[(equals + 1)..].Trim());
            }
        }
    }

    private static void ReadEnvironmentFile(HostRoot root, string hostPath, Dictionary<string, string> environment)
    {
        var local = root.Resolve(hostPath);
        if (!File.Exists(local))
        {
            return;
        }

        foreach (var raw in File.ReadLines(local))
        {
            var line = raw.Trim();
            if (line.Length > 0 && line[0] is not ('#' or ';'))
            {
                Assign(environment, line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line);
            }
        }
    }

    private static void Assign(Dictionary<string, string> environment, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            environment[assignment[..equals].Trim()] = assignment[(equals + 1)..].Trim().Trim('"', '\'');
        }
    }

    /// <summary>systemd's rule: a word that is exactly $VAR splits the value into words; ${VAR} inside a word substitutes as is.</summary>
    private static IEnumerable<string> Expand(IEnumerable<string> words, Dictionary<string, string> environment)
    {
        foreach (var word in words)
        {
            if (word.Length > 1 && word[0] == '$' && word[1] != '{')
            {
                foreach (var part in DaemonCommandLine.Split(environment.GetValueOrDefault(word[1..], string.Empty)))
                {
                    yield return part;
                }

                continue;
            }

            var expanded = word;
            foreach (var (name, value) in environment)
            {
                expanded = expanded.Replace("${" + name + "}", value, StringComparison.Ordinal);
            }

            yield return System.Text.RegularExpressions.Regex.Replace(expanded, @"\$\{[A-Za-z_][A-Za-z0-9_]*\}", string.Empty);
        }
    }
}
