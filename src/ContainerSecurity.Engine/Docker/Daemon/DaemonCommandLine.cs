using System.Text;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// The options on a dockerd command line, parsed the way dockerd's flag library (spf13/pflag) parses them:
/// <c>--flag=value</c> and <c>--flag value</c>, short forms (<c>-l debug</c>, <c>-ldebug</c>, <c>-D</c>), booleans that
/// never take the next argument (<c>--icc false</c> is <c>--icc</c> and a stray argument), repeated list flags that
/// accumulate, and a last-one-wins rule for everything else.
/// </summary>
internal sealed class DaemonCommandLine
{
    private DaemonCommandLine(string origin, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, FlagSetting> settings, IReadOnlyList<DaemonConfigException> problems)
    {
        Origin = origin;
        Arguments = arguments;
        Settings = settings;
        Problems = problems;
    }

    /// <summary>Where the command line came from: <c>/proc/1234/cmdline</c>, <c>-DaemonArgument</c>.</summary>
    public string Origin { get; }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The options set, by daemon.json key.</summary>
    public IReadOnlyDictionary<string, FlagSetting> Settings { get; }

    /// <summary>What dockerd would refuse: unknown flags, missing or malformed values, positional arguments.</summary>
    public IReadOnlyList<DaemonConfigException> Problems { get; }

    public static DaemonCommandLine Empty { get; } = new("(none)", [], new Dictionary<string, FlagSetting>(), []);

    /// <summary>The daemon configuration file this command line names with --config-file (either form), if any.</summary>
    public string? ConfigFile => Settings.TryGetValue("config-file", out var setting) ? setting.Value.Scalar : null;

    /// <summary>
    /// The same command line with the defaults dockerd takes from its environment where no flag overrides them:
    /// DOCKER_TLS_VERIFY (any non-empty value turns on --tlsverify) and DOCKER_CERT_PATH (the folder of ca.pem,
    /// cert.pem and key.pem).
    /// </summary>
    public DaemonCommandLine WithEnvironment(IReadOnlyDictionary<string, string> environment, string environmentOrigin)
    {
        var settings = new Dictionary<string, FlagSetting>(Settings, StringComparer.Ordinal);
        if (environment.TryGetValue("DOCKER_TLS_VERIFY", out var verify) && verify.Length > 0 && !settings.ContainsKey("tlsverify"))
        {
            settings["tlsverify"] = new FlagSetting(DaemonOptionCatalog.ByKey("tlsverify")!, SettingValue.Of(true), [$"DOCKER_TLS_VERIFY={verify} in {environmentOrigin}"]);
        }

        if (environment.TryGetValue("DOCKER_CERT_PATH", out var certPath) && certPath.Length > 0)
        {
            foreach (var (key, file) in new[] { ("tlscacert", "ca.pem"), ("tlscert", "cert.pem"), ("tlskey", "key.pem") })
            {
                if (!settings.ContainsKey(key))
                {
                    settings[key] = new FlagSetting(DaemonOptionCatalog.ByKey(key)!, SettingValue.Of(certPath.TrimEnd('/') + "/" + file), [$"DOCKER_CERT_PATH={certPath} in {environmentOrigin}"]);
                }
            }
        }

        return new DaemonCommandLine(Origin, Arguments, settings, Problems);
    }

    public static DaemonCommandLine Parse(string origin, IReadOnlyList<string> arguments)
    {
        var parser = new Parser(origin);
        parser.Run(arguments);
        return new DaemonCommandLine(origin, arguments, parser.Settings(), parser.Problems);
    }

    /// <summary>
    /// Splits one string into arguments the way a POSIX shell would for plain words and quotes, so that
    /// <c>-DaemonArgument '--log-level debug --tlscacert "/etc/docker/my ca.pem"'</c> works like the same words typed.
    /// </summary>
    public static IEnumerable<string> Split(string text)
    {
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else if (c == '\\' && quote == '"' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                {
                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    yield return current.ToString();
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '\\' && i + 1 < text.Length)
                {
                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
        }

        if (inWord)
        {
            yield return current.ToString();
        }
    }

    private sealed class Parser(string origin)
    {
        private readonly Dictionary<string, (DaemonOption Option, List<string> Values, List<string> Written)> _seen = new(StringComparer.Ordinal);

        public List<DaemonConfigException> Problems { get; } = [];

        public void Run(IReadOnlyList<string> arguments)
        {
            var positional = new List<string>();
            for (var i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                if (argument == "--")
                {
                    positional.AddRange(arguments.Skip(i + 1));
                    break;
                }

                if (argument.StartsWith("--", StringComparison.Ordinal))
                {
                    i = Long(arguments, i);
                }
                else if (argument.Length > 1 && argument[0] == '-')
                {
                    i = Short(arguments, i);
                }
                else
                {
                    positional.Add(argument);
                }
            }

            if (positional.Count > 0)
            {
                Problem($"dockerd does not take positional arguments, but got {string.Join(' ', positional.Select(p => $"'{p}'"))}; a boolean flag takes its value only as --flag=value");
            }
        }

        public Dictionary<string, FlagSetting> Settings()
        {
            var settings = new Dictionary<string, FlagSetting>(StringComparer.Ordinal);
            foreach (var (key, (option, values, written)) in _seen)
            {
                var value = option.Kind switch
                {
                    DaemonOptionKind.List => SettingValue.OfItems(values),
                    DaemonOptionKind.Map => SettingValue.OfEntries(ToEntries(values)),
                    _ => SettingValue.Of(values[^1]),
                };
                settings[key] = new FlagSetting(option, value, written);
            }

            return settings;
        }

        private int Long(IReadOnlyList<string> arguments, int index)
        {
            var argument = arguments[index];
            var body = argument[2..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? body : body[..equals];
            if (name is "help" or "version")
            {
                return index;
            }

            var option = DaemonOptionCatalog.ByFlag(name);
            if (option is null)
            {
                Problem($"unknown flag: --{name}");
                return index;
            }

            if (equals >= 0)
            {
                Set(option, body[(equals + 1)..], argument);
                return index;
            }

            if (option.Kind == DaemonOptionKind.Bool)
            {
                Set(option, "true", argument);
                return index;
            }

            if (index + 1 >= arguments.Count)
            {
                Problem($"flag needs an argument: --{name}");
                return index;
            }

            Set(option, arguments[index + 1], argument + " " + arguments[index + 1]);
            return index + 1;
        }

        private int Short(IReadOnlyList<string> arguments, int index)
        {
            var argument = arguments[index];

            // Several one-letter booleans may share one dash (-Dx); a letter that takes a value takes the rest.
            for (var position = 1; position < argument.Length; position++)
            {
                var letter = argument[position];
                if (letter is 'v' or 'h')
                {
                    continue;
                }

                var option = DaemonOptionCatalog.ByShorthand(letter);
                if (option is null)
                {
                    Problem($"unknown shorthand flag: '{letter}' in {argument}");
                    return index;
                }

                var rest = argument[(position + 1)..];
                if (rest.StartsWith('='))
                {
                    Set(option, rest[1..], argument);
                    return index;
                }

                if (option.Kind == DaemonOptionKind.Bool)
                {
                    Set(option, "true", "-" + letter);
                    continue;
                }

                if (rest.Length > 0)
                {
                    Set(option, rest, argument);
                    return index;
                }

                if (index + 1 >= arguments.Count)
                {
                    Problem($"flag needs an argument: '{letter}' in -{letter}");
                    return index;
                }

                Set(option, arguments[index + 1], argument + " " + arguments[index + 1]);
                return index + 1;
            }

            return index;
        }

        private void Set(DaemonOption option, string value, string written)
        {
            if (option.Kind == DaemonOptionKind.Bool && SettingValue.ParseGoBool(value) is not { } parsed)
            {
                Problem($"invalid argument \"{value}\" for \"{written}\" flag: not a boolean");
                return;
            }

            if (option.Kind == DaemonOptionKind.Bool)
            {
                value = SettingValue.Of(SettingValue.ParseGoBool(value)!.Value).Scalar!;
            }
            else if (option.Kind == DaemonOptionKind.Map && !value.Contains('=', StringComparison.Ordinal))
            {
                Problem($"invalid argument \"{value}\" for \"{written}\" flag: expected key=value");
                return;
            }

            if (!_seen.TryGetValue(option.Key, out var entry))
            {
                entry = (option, [], []);
                _seen[option.Key] = entry;
            }

            entry.Values.Add(value);
            entry.Written.Add(written);
        }

        private void Problem(string message) => Problems.Add(new DaemonConfigException(origin, null, null, message));

        private static Dictionary<string, string> ToEntries(IEnumerable<string> values)
        {
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var value in values)
            {
                var equals = value.IndexOf('=', StringComparison.Ordinal);
                entries[value[..equals]] = value[(equals + 1)..];
            }

            return entries;
        }
    }
}
