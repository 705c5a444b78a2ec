using System.Globalization;
using System.Text.RegularExpressions;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Dockerfiles.Rules;

/// <summary>
/// What goes into the image and how: ADD (DI010), secrets in ENV/ARG (DI011), key files copied in (DI012), remote
/// scripts piped into a shell (DI013), world-writable modes (DI014), SSH exposed (DI015), setuid/setgid bits (DI017).
/// </summary>
internal static partial class ContentRules
{
    private static readonly HashSet<string> s_interpreters = new(StringComparer.Ordinal)
    {
        "sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "python2", "perl", "ruby", "node", "php", "pwsh", "powershell", "source", ".",
    };

    public static IEnumerable<DockerfileRule> Rules =>
    [
        new("DI010", Add),
        new("DI011", Secrets),
        new("DI012", KeyFiles),
        new("DI013", PipeToShell),
        new("DI014", WorldWritable),
        new("DI015", SshExposed),
        new("DI017", SetuidBits),
    ];

    private static IEnumerable<DockerfileStep> Steps(DockerfileDocument document, params string[] keywords) =>
        document.Stages.SelectMany(s => s.Steps).Where(s => keywords.Contains(s.Instruction.Keyword));

    private static IEnumerable<CheckResult> Add(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var step in Steps(document, "ADD"))
        {
            var sources = Sources(step);
            var remote = sources.Any(s => Remote().IsMatch(s));
            var checksum = step.Instruction.Flag("checksum");
            if (remote && checksum is not null)
            {
                yield return rule.Info(step.Instruction, $"ADD downloads {string.Join(", ", sources)} and verifies it against {checksum}.", "ADD --checksum", "COPY, or a verified download");
            }
            else
            {
                var what = remote ? "downloads from a URL without a checksum" : sources.Any(s => Archive().IsMatch(s)) ? "unpacks a local archive implicitly" : "does what COPY does, with implicit download and unpacking";
                yield return rule.Fail(step.Instruction, $"ADD {what}; use COPY (or a verified download in RUN).", "ADD " + string.Join(" ", sources), "COPY");
            }
        }
    }

    private static IEnumerable<CheckResult> Secrets(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var step in Steps(document, "ENV", "ARG"))
        {
            var keyword = step.Instruction.Keyword;
            foreach (var (name, raw) in DockerfileWords.Assignments(step.Instruction.Arguments, step.Escape, allowLegacyForm: keyword == "ENV"))
            {
                var value = raw is null ? null : step.Expand(raw);
                string? reason = string.IsNullOrEmpty(value)
                    ? keyword == "ARG" && SecretDetector.IsSecretName(name) ? "a build argument with a credential name; its --build-arg value is recorded in the image history" : null
                    : EnvironmentSecrets.Classify(name, value) ?? (SecretDetector.IsSecretName(name) && raw!.StartsWith('$') && value.Length > 0 ? "a credential name whose value comes from a build argument" : null);
                if (reason is not null)
                {
                    yield return rule.Fail(step.Instruction, $"{keyword} {name} holds a secret ({reason}); it travels with the image.", $"{keyword} {name}={SecretDetector.Mask(value)}", "a build secret (RUN --mount=type=secret) or a runtime secret");
                }
            }
        }
    }

    private static IEnumerable<CheckResult> KeyFiles(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var step in Steps(document, "COPY", "ADD"))
        {
            foreach (var source in Sources(step).Where(s => KeyFile().IsMatch(s.TrimEnd('/'))))
            {
                yield return rule.Fail(step.Instruction, $"{step.Instruction.Keyword} copies {source}, a key or credential file, into a layer where it stays for good.", $"{step.Instruction.Keyword} {source}", "build secrets (RUN --mount=type=secret) and runtime secrets, never files in layers");
            }
        }
    }

    private static IEnumerable<CheckResult> PipeToShell(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var step in Steps(document, "RUN", "CMD", "ENTRYPOINT"))
        {
            var commands = DockerfileScripts.Commands(step.Instruction);
            var hit = string.Empty;
            for (var i = 1; i < commands.Count && hit.Length == 0; i++)
            {
                if (commands[i].PipedFromPrevious && commands[i - 1].Program is "curl" or "wget" && s_interpreters.Contains(commands[i].Program))
                {
                    hit = $"{commands[i - 1].Program} … | {commands[i].Program}";
                }
            }

            if (hit.Length == 0 && ProcessSubstitution().Match(step.Instruction.CommandText) is { Success: true } match)
            {
                hit = match.Value;
            }

            if (hit.Length > 0)
            {
                var when = step.Instruction.Keyword == "RUN" ? "during the build, as root" : "every time a container starts";
                yield return rule.Fail(step.Instruction, $"{step.Instruction.Keyword} pipes a downloaded script into an interpreter ({hit}); it runs unverified {when}.", hit, "download, verify a checksum or signature, then run");
            }
        }
    }

    private static IEnumerable<CheckResult> WorldWritable(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var step in Steps(document, "RUN", "COPY", "ADD"))
        {
            foreach (var mode in Modes(step))
            {
                var sticky = mode.Length == 4 && mode[0] is '1' or '3' or '5' or '7';
                if (GrantsWorldWrite(mode))
                {
                    yield return sticky
                        ? rule.Warn(step.Instruction, $"Mode {mode} makes files world-writable (with the sticky bit, as for /tmp); confirm every user must write there.", mode, "owner-only write (chown to the user instead)", Severity.Low)
                        : rule.Fail(step.Instruction, $"Mode {mode} makes files world-writable: any process in the container can change them.", mode, "owner-only write (chown to the user instead)");
                }
            }
        }
    }

    private static IEnumerable<CheckResult> SshExposed(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var step in Steps(document, "EXPOSE").Where(s => document.FinalStage is { } f && f.Lineage.Any(l => l.Steps.Contains(s))))
        {
            foreach (var port in DockerfileWords.Split(step.Expand(step.Instruction.Arguments), step.Escape))
            {
                if (ExposesSsh(port))
                {
                    yield return rule.Fail(step.Instruction, $"The image exposes the SSH port ({port}).", "EXPOSE " + port, "no SSH port; use docker exec for access");
                }
            }
        }
    }

    private static IEnumerable<CheckResult> SetuidBits(DockerfileDocument document, DockerfileRule rule)
    {
        foreach (var step in Steps(document, "RUN", "COPY", "ADD"))
        {
            foreach (var mode in Modes(step).Where(SetsSetuid))
            {
                yield return rule.Fail(step.Instruction, $"Mode {mode} sets the setuid or setgid bit: the file runs with its owner's or group's rights, a way to root for any user.", mode, "no setuid/setgid bits; grant a capability to the binary if it needs one");
            }
        }
    }

    /// <summary>Whether "22", "22/tcp" or a range such as "20-25/tcp" exposes TCP port 22.</summary>
    internal static bool ExposesSsh(string port)
    {
        var parts = port.Split('/');
        if (parts.Length > 1 && !parts[1].Equals("tcp", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var range = parts[0].Split('-');
        return int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && (range.Length == 1 ? low == 22 : int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high) && low <= 22 && 22 <= high);
    }

    /// <summary>The file modes an instruction sets: chmod modes in RUN, --chmod on COPY/ADD.</summary>
    private static IEnumerable<string> Modes(DockerfileStep step)
    {
        if (step.Instruction.Keyword is "COPY" or "ADD")
        {
            if (step.Instruction.Flag("chmod") is { } chmod)
            {
                yield return chmod;
            }

            yield break;
        }

        foreach (var command in DockerfileScripts.Commands(step.Instruction).Where(c => c.Program == "chmod"))
        {
            var mode = command.Arguments.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !(a.StartsWith('-') && a.Length > 1 && char.IsAsciiLetter(a[1]) && !a.Contains('=') && !a.Contains('+')));
            if (mode is not null)
            {
                yield return mode;
            }
        }
    }

    /// <summary>Octal modes whose last digit has the write bit; symbolic clauses that give o or a write.</summary>
    internal static bool GrantsWorldWrite(string mode)
    {
        if (OctalMode().IsMatch(mode))
        {
            return (mode[^1] - '0' & 2) != 0;
        }

        foreach (var clause in mode.Split(','))
        {
            var match = SymbolicClause().Match(clause);
            if (match.Success && match.Groups["perm"].Value.Contains('w') && match.Groups["op"].Value != "-" && match.Groups["who"].Value.IndexOfAny(['o', 'a']) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool SetsSetuid(string mode)
    {
        if (OctalMode().IsMatch(mode))
        {
            return mode.Length == 4 && (mode[0] - '0' & 6) != 0 || mode.Length == 5 && (mode[1] - '0' & 6) != 0;
        }

        return mode.Split(',').Select(c => SymbolicClause().Match(c)).Any(m => m.Success && m.Groups["op"].Value != "-" && m.Groups["perm"].Value.Contains('s'));
    }

    /// <summary>COPY/ADD sources: every word but the destination (exec form or shell form), variables expanded.</summary>
    private static IReadOnlyList<string> Sources(DockerfileStep step)
    {
        var words = step.Instruction.ExecForm ?? DockerfileWords.Split(step.Instruction.Arguments, step.Escape).Select(w => step.Expand(w)).ToArray();
        return words.Count <= 1 ? [] : words.Take(words.Count - 1).Where(w => !w.StartsWith("<<", StringComparison.Ordinal)).ToArray();
    }

    [GeneratedRegex(@"^(https?|git|ssh)://|^git@", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Remote();

    [GeneratedRegex(@"\.(tar|tar\.gz|tgz|tar\.bz2|tbz2|tar\.xz|txz|tar\.zst)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Archive();

    [GeneratedRegex(@"(^|/)(id_(rsa|dsa|ecdsa|ed25519)|[^/]*\.(pem|key|p12|pfx|jks|keystore)|\.env(\.[^/]*)?|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.ssh|\.aws/credentials|\.aws|\.docker/config\.json|\.kube/config|kubeconfig[^/]*|credentials\.json|service-account[^/]*\.json)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex KeyFile();

    [GeneratedRegex(@"(<\(\s*(curl|wget)\b[^)]*\))|(\b(sh|bash|zsh|ash|dash)\s+-c\s+[""']?\$\(\s*(curl|wget)\b)|(\beval\s+[""']?\$\(\s*(curl|wget)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex ProcessSubstitution();

    [GeneratedRegex(@"^0?[0-7]{3,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalMode();

    [GeneratedRegex(@"^(?<who>[ugoa]*)(?<op>[-+=])(?<perm>[rwxXst]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolicClause();
}
