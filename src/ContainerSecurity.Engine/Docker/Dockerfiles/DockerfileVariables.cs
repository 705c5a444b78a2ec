using System.Text;

namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>
/// ARG and ENV substitution as the Dockerfile frontend does it: $NAME, ${NAME}, ${NAME:-word}, ${NAME-word},
/// ${NAME:+word}, ${NAME+word}, ${NAME:?message}; the escape character before $ keeps it literal; single quotes keep
/// their content literal when quotes are processed (ENV, ARG, LABEL words). Names nobody defined expand to nothing,
/// and are reported so that checks can tell "latest" from "unknown".
/// </summary>
public sealed class DockerfileVariables
{
    private readonly Dictionary<string, string?> _values;

    public DockerfileVariables(IEnumerable<KeyValuePair<string, string?>>? values = null, ExpansionBudget? budget = null)
    {
        _values = new Dictionary<string, string?>(values ?? [], StringComparer.Ordinal);
        Budget = budget ?? new ExpansionBudget();
    }

    /// <summary>The bounds this scope's substitutions count against (shared by every scope of a document).</summary>
    public ExpansionBudget Budget { get; }

    /// <summary>Defines or redefines a variable; a null value is declared but unset (ARG without default).</summary>
    public void Set(string name, string? value) => _values[name] = value;

    public bool TryGet(string name, out string? value) => _values.TryGetValue(name, out value);

    public DockerfileVariables Copy() => new(_values, Budget);

    /// <summary>The entries stored under <paramref name="prefix"/>, with the prefix kept (how ENV is marked for inheritance).</summary>
    internal IEnumerable<KeyValuePair<string, string?>> EnvironmentEntries(string prefix) =>
        _values.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(p => new[] { p, new KeyValuePair<string, string?>(p.Key[prefix.Length..], p.Value) });

    /// <summary>Expands <paramref name="text"/>; <paramref name="unresolved"/> gets the names that had no value.</summary>
    /// <exception cref="DockerfileExpansionException">A bound of <see cref="Budget"/> was hit.</exception>
    public string Expand(string text, char escape, bool processQuotes, ICollection<string>? unresolved = null) =>
        Expand(text, escape, processQuotes, unresolved, depth: 0);

    private string Expand(string text, char escape, bool processQuotes, ICollection<string>? unresolved, int depth)
    {
        if (depth > ExpansionBudget.MaxDepth)
        {
            throw new DockerfileExpansionException($"variable substitution is nested more than {ExpansionBudget.MaxDepth} levels deep");
        }

        var result = new StringBuilder(text.Length);
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == escape && i + 1 < text.Length && (text[i + 1] == '$' || (processQuotes && text[i + 1] is '"' or '\'' || text[i + 1] == escape)))
            {
                result.Append(text[++i]);
                continue;
            }

            if (processQuotes && quote == '\0' && c is '"' or '\'')
            {
                quote = c;
                continue;
            }

            if (processQuotes && c == quote)
            {
                quote = '\0';
                continue;
            }

            if (c == '$' && quote != '\'' && i + 1 < text.Length)
            {
                i = ExpandAt(text, i, escape, result, unresolved, depth);
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private int ExpandAt(string text, int dollar, char escape, StringBuilder result, ICollection<string>? unresolved, int depth)
    {
        var next = text[dollar + 1];
        if (next == '{')
        {
            var close = FindClosingBrace(text, dollar + 2);
            if (close < 0)
            {
                result.Append(text, dollar, text.Length - dollar);
                return text.Length - 1;
            }

            var inner = text[(dollar + 2)..close];
            var nameLength = 0;
            while (nameLength < inner.Length && (char.IsAsciiLetterOrDigit(inner[nameLength]) || inner[nameLength] == '_'))
            {
                nameLength++;
            }

            var name = inner[..nameLength];
            var modifier = inner[nameLength..];
            var isSet = _values.TryGetValue(name, out var value) && value is not null;
            var word = modifier.Length >= 1 ? Expand(modifier.TrimStart(':')[1..], escape, processQuotes: false, unresolved, depth + 1) : string.Empty;
            switch (modifier.Length > 0 ? modifier.StartsWith(':') ? modifier[..2] : modifier[..1] : string.Empty)
            {
                case ":-":
                    Append(result, isSet && value!.Length > 0 ? value : word);
                    break;
                case "-":
                    Append(result, isSet ? value : word);
                    break;
                case ":+":
                    Append(result, isSet && value!.Length > 0 ? word : string.Empty);
                    break;
                case "+":
                    Append(result, isSet ? word : string.Empty);
                    break;
                default:
                    if (!isSet)
                    {
                        unresolved?.Add(name);
                    }

                    Append(result, value);
                    break;
            }

            return close;
        }

        if (char.IsAsciiLetter(next) || next == '_')
        {
            var end = dollar + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }

            var name = text[(dollar + 1)..end];
            if (_values.TryGetValue(name, out var value) && value is not null)
            {
                Append(result, value);
            }
            else
            {
                unresolved?.Add(name);
            }

            return end - 1;
        }

        result.Append('$');
        return dollar;
    }

    // Every substituted value goes through here: the bounds are checked before the text grows.
    private void Append(StringBuilder result, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (result.Length + (long)value.Length > ExpansionBudget.MaxValueChars)
        {
            throw new DockerfileExpansionException($"variable substitution would make a value longer than {ExpansionBudget.MaxValueChars} characters");
        }

        Budget.Consume(value.Length);
        result.Append(value);
    }

    private static int FindClosingBrace(string text, int from)
    {
        var depth = 1;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
