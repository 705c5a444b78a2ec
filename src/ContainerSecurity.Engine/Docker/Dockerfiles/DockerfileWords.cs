using System.Text;

namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>Splits instruction arguments into words at unquoted blanks, keeping quotes and escapes for later expansion.</summary>
internal static class DockerfileWords
{
    public static IReadOnlyList<string> Split(string text, char escape)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == escape && i + 1 < text.Length)
            {
                current.Append(c).Append(text[++i]);
                continue;
            }

            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                current.Append(c);
                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
                current.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>
    /// Reads ENV or LABEL arguments: NAME=value pairs, or the legacy "NAME value with spaces" form. Values are
    /// returned raw (not expanded); <paramref name="hasValue"/> is false for an ARG without default.
    /// </summary>
    public static IEnumerable<(string Name, string? RawValue)> Assignments(string text, char escape, bool allowLegacyForm)
    {
        var words = Split(text, escape);
        if (words.Count == 0)
        {
            yield break;
        }

        if (allowLegacyForm && !words[0].Contains('='))
        {
            var space = text.IndexOfAny([' ', '\t']);
            yield return (words[0], space < 0 ? null : text[(space + 1)..].Trim());
            yield break;
        }

        foreach (var word in words)
        {
            var equals = word.IndexOf('=');
            yield return equals < 0 ? (word, null) : (word[..equals], word[(equals + 1)..]);
        }
    }
}
