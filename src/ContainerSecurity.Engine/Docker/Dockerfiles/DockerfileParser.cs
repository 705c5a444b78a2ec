using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>
/// Reads Dockerfile syntax as BuildKit's dockerfile frontend does: parser directives at the very top (syntax,
/// escape, check), comments, line continuation with the escape character (trailing blanks allowed, comment and empty
/// lines inside a continuation skipped), heredocs on RUN, COPY and ADD (&lt;&lt;EOF, &lt;&lt;-EOF, quoted delimiters),
/// leading --flags, and the exec (JSON array) form. A line that does not parse becomes a diagnostic and reading
/// goes on.
/// </summary>
public static partial class DockerfileParser
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    private static readonly HashSet<string> s_heredocKeywords = new(StringComparer.Ordinal) { "RUN", "COPY", "ADD" };

    private static readonly HashSet<string> s_execFormKeywords = new(StringComparer.Ordinal) { "RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME" };

    private static readonly HashSet<string> s_knownDirectives = new(StringComparer.Ordinal) { "syntax", "escape", "check" };

    /// <summary>Parses Dockerfile text; never throws for bad syntax (see <see cref="DockerfileSyntax.Diagnostics"/>).</summary>
    public static DockerfileSyntax Parse(string text, CancellationToken cancellation = default)
    {
        var lines = SplitLines(text);
        var directives = new Dictionary<string, string>(StringComparer.Ordinal);
        var diagnostics = new List<DockerfileDiagnostic>();
        var escape = '\\';
        var index = ReadDirectives(lines, directives, diagnostics, ref escape);

        var instructions = new List<DockerfileInstruction>();
        while (index < lines.Count)
        {
            cancellation.ThrowIfCancellationRequested();
            var line = lines[index];
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                index++;
                continue;
            }

            var start = index;
            var logical = new StringBuilder();
            while (true)
            {
                var current = lines[index];
                var content = current.TrimStart();
                if (index > start && (content.Length == 0 || content[0] == '#'))
                {
                    // Inside a continuation, comment lines and empty lines are dropped (BuildKit's rule).
                    index++;
                    if (index >= lines.Count)
                    {
                        break;
                    }

                    continue;
                }

                if (EndsWithEscape(current, escape, out var withoutEscape))
                {
                    logical.Append(withoutEscape);
                    index++;
                    if (index >= lines.Count)
                    {
                        break;
                    }

                    continue;
                }

                logical.Append(current);
                index++;
                break;
            }

            var instruction = ReadInstruction(logical.ToString(), start + 1, lines, ref index, diagnostics);
            if (instruction is not null)
            {
                instructions.Add(instruction);
            }
        }

        return new DockerfileSyntax(directives, escape, instructions, diagnostics);
    }

    private static int ReadDirectives(List<string> lines, Dictionary<string, string> directives, List<DockerfileDiagnostic> diagnostics, ref char escape)
    {
        var index = 0;
        for (; index < lines.Count; index++)
        {
            var match = Directive().Match(lines[index]);
            if (!match.Success)
            {
                break;
            }

            var name = match.Groups["name"].Value.ToLowerInvariant();
            if (!s_knownDirectives.Contains(name))
            {
                // An unknown directive is an ordinary comment, and comments end the directive block.
                break;
            }

            var value = match.Groups["value"].Value.Trim();
            if (!directives.TryAdd(name, value))
            {
                diagnostics.Add(new(index + 1, 1, $"the parser directive '{name}' is given more than once"));
                continue;
            }

            if (name == "escape")
            {
                if (value is "\\" or "`")
                {
                    escape = value[0];
                }
                else
                {
                    diagnostics.Add(new(index + 1, 1, value.Length == 1 ? $"invalid escape token '{value}': it must be \\ or `" : "invalid escape token: it must be \\ or `"));
                }
            }
        }

        return index;
    }

    private static DockerfileInstruction? ReadInstruction(
        string logical,
        int line,
        List<string> lines,
        ref int index,
        List<DockerfileDiagnostic> diagnostics)
    {
        var text = logical.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        var word = space < 0 ? text : text[..space];
        var keyword = word.ToUpperInvariant();
        var rest = space < 0 ? string.Empty : text[(space + 1)..].TrimStart();
        if (!s_keywords.Contains(keyword))
        {
            // A word of letters is a misspelt keyword worth naming; anything else may be content (KEY=secret), never quoted.
            diagnostics.Add(new(line, 1, word.Length <= 32 && word.All(char.IsAsciiLetter)
                ? $"unknown instruction: {word}"
                : "unknown instruction: the line does not start with a Dockerfile keyword"));
            return null;
        }

        var flags = new List<DockerfileFlag>();
        if (keyword != "ONBUILD")
        {
            rest = ReadFlags(rest, flags);
        }

        // HEALTHCHECK's own options come before CMD; its command may be in exec form after CMD.
        var execSource = keyword == "HEALTHCHECK" && rest.StartsWith("CMD", StringComparison.OrdinalIgnoreCase) ? rest[3..].TrimStart() : rest;
        IReadOnlyList<string>? execForm = null;
        if ((s_execFormKeywords.Contains(keyword) || keyword == "HEALTHCHECK") && execSource.StartsWith('['))
        {
            execForm = TryParseExecForm(execSource);
        }

        var heredocs = new List<DockerfileHeredoc>();
        if (execForm is null && s_heredocKeywords.Contains(keyword))
        {
            foreach (var (delimiter, stripTabs) in FindHeredocs(rest))
            {
                var bodyStart = index;
                var body = new StringBuilder();
                var closed = false;
                while (index < lines.Count)
                {
                    var bodyLine = lines[index++];
                    var candidate = stripTabs ? bodyLine.TrimStart('\t') : bodyLine;
                    if (candidate == delimiter)
                    {
                        closed = true;
                        break;
                    }

                    body.Append(candidate).Append('\n');
                }

                if (!closed)
                {
                    diagnostics.Add(new(line, 1, $"the heredoc <<{delimiter} of {keyword} is never closed (no line '{delimiter}' follows)"));
                }

                heredocs.Add(new DockerfileHeredoc(delimiter, body.ToString(), bodyStart + 1, stripTabs));
            }
        }

        if (rest.Length == 0 && keyword is not ("CMD" or "ENTRYPOINT" or "RUN"))
        {
            diagnostics.Add(new(line, 1, $"{keyword} requires at least one argument"));
            return null;
        }

        return new DockerfileInstruction(keyword, line, Math.Max(line, index), flags, rest, execForm, heredocs);
    }

    private static string ReadFlags(string rest, List<DockerfileFlag> flags)
    {
        while (rest.StartsWith("--", StringComparison.Ordinal) && rest.Length > 2 && rest[2] != ' ')
        {
            var end = 2;
            var quote = '\0';
            for (; end < rest.Length; end++)
            {
                var c = rest[end];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c is ' ' or '\t')
                {
                    break;
                }
            }

            var token = rest[2..end];
            var equals = token.IndexOf('=');
            flags.Add(equals < 0 ? new DockerfileFlag(token, null) : new DockerfileFlag(token[..equals], Unquote(token[(equals + 1)..])));
            rest = rest[end..].TrimStart();
        }

        return rest;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'' ? value[1..^1] : value;

    private static IReadOnlyList<string>? TryParseExecForm(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Array || json.RootElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                return null;
            }

            return json.RootElement.EnumerateArray().Select(e => e.GetString()!).ToArray();
        }
        catch (JsonException)
        {
            // Not valid JSON: BuildKit runs it in shell form.
            return null;
        }
    }

    /// <summary>Heredoc markers outside quotes: &lt;&lt;EOF, &lt;&lt;-EOF, &lt;&lt;"EOF", &lt;&lt;'EOF' (not the here-string &lt;&lt;&lt;).</summary>
    private static IEnumerable<(string Delimiter, bool StripTabs)> FindHeredocs(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
                continue;
            }

            if (c != '<' || i + 1 >= text.Length || text[i + 1] != '<' || (i > 0 && text[i - 1] == '<') || (i + 2 < text.Length && text[i + 2] == '<'))
            {
                continue;
            }

            var match = Heredoc().Match(text, i);
            if (match.Success && match.Index == i)
            {
                yield return (match.Groups["word"].Value, match.Groups["dash"].Success && match.Groups["dash"].Length > 0);
                i += match.Length - 1;
            }
        }
    }

    private static bool EndsWithEscape(string line, char escape, out string withoutEscape)
    {
        var trimmed = line.TrimEnd(' ', '\t');
        if (trimmed.Length > 0 && trimmed[^1] == escape)
        {
            withoutEscape = trimmed[..^1];
            return true;
        }

        withoutEscape = line;
        return false;
    }

    private static List<string> SplitLines(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    [GeneratedRegex(@"^#\s*(?<name>[a-zA-Z][a-zA-Z0-9]*)\s*=\s*(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    [GeneratedRegex(@"<<(?<dash>-?)\s*(?<q>[""']?)(?<word>[A-Za-z_][A-Za-z0-9_.-]*)\k<q>", RegexOptions.CultureInvariant)]
    private static partial Regex Heredoc();
}

/// <summary>The syntax of one Dockerfile: directives, escape character, instructions in order, and what did not parse.</summary>
public sealed record DockerfileSyntax(
    IReadOnlyDictionary<string, string> Directives,
    char Escape,
    IReadOnlyList<DockerfileInstruction> Instructions,
    IReadOnlyList<DockerfileDiagnostic> Diagnostics);
