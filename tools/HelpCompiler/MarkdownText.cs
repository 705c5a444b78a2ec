using System.Text;
using System.Text.RegularExpressions;

namespace ContainerSecurity.HelpCompiler;

/// <summary>
/// Turns markdown paragraphs into the plain text Get-Help prints. The console shows no markup, so links become
/// "text (uri)", bold markers and backslash escapes go, and inline code keeps its backticks (they read well
/// in a terminal and mark literal values, as in PowerShell's own help).
/// </summary>
internal static partial class MarkdownText
{
    /// <summary>
    /// One string per paragraph, or per list item when the paragraph is a list (Get-Help separates paragraphs
    /// with a blank line, which keeps items apart). Soft line breaks become spaces, as markdown renders them.
    /// </summary>
    public static IEnumerable<string> Paragraphs(ParagraphBlock paragraph)
    {
        var current = new StringBuilder();
        foreach (var raw in paragraph.Lines)
        {
            var startsItem = ListItem().IsMatch(raw);
            if (startsItem && current.Length > 0)
            {
                yield return Inline(current.ToString());
                current.Clear();
            }

            var hardBreak = raw.EndsWith("  ", StringComparison.Ordinal) || raw.EndsWith('\\');
            var line = raw.Trim().TrimEnd('\\');
            if (startsItem)
            {
                // Bullets are normalized to "-" so lists look alike whatever marker the author used.
                line = BulletMarker().Replace(line, "- ");
            }
            else if (current.Length > 0 && current[^1] != '\n')
            {
                current.Append(' ');
            }

            current.Append(line);
            if (hardBreak)
            {
                current.Append('\n');
            }
        }

        if (current.Length > 0)
        {
            yield return Inline(current.ToString().TrimEnd('\n'));
        }
    }

    /// <summary>Paragraph text of a section body: prose paragraphs, and code blocks kept line for line.</summary>
    public static List<string> Paragraphs(IEnumerable<MarkdownBlock> blocks)
    {
        var result = new List<string>();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    result.AddRange(Paragraphs(paragraph));
                    break;
                case CodeBlock code:
                    result.Add(code.Code);
                    break;
            }
        }

        return result;
    }

    /// <summary>Strips inline markup; an absolute link keeps its address, a relative one (another page) does not.</summary>
    public static string Inline(string text)
    {
        text = Link().Replace(text, m =>
            IsAbsoluteUri(m.Groups["uri"].Value) ? $"{m.Groups["text"].Value} ({m.Groups["uri"].Value})" : m.Groups["text"].Value);
        text = Bold().Replace(text, "${text}");
        return Escape().Replace(text, "${char}");
    }

    public static bool IsAbsoluteUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Markdown links in a line of a RELATED LINKS section.</summary>
    public static IEnumerable<(string Text, string Uri)> Links(string line) =>
        Link().Matches(line).Select(m => (m.Groups["text"].Value, m.Groups["uri"].Value));

    [GeneratedRegex(@"^\s*(?:[-*+]|\d{1,9}[.)])\s+")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^[-*+]\s+")]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<uri>[^)\s]*)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(?<text>[^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\\(?<char>[\\`*_{}\[\]()#+\-.!<>|])")]
    private static partial Regex Escape();
}
