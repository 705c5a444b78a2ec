using System.Text;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// Escapes text from findings (names, messages, evidence) for Markdown, so a workload name cannot turn into a link,
/// an HTML tag that GitHub renders, or a broken table.
/// </summary>
public static class MarkdownText
{
    /// <summary>
    /// Escapes Markdown punctuation and HTML in running text; newlines become spaces. An ampersand stays: with both
    /// angle brackets escaped, an entity can only ever show a character, never open a tag. Control characters are
    /// shown as their control pictures, so the sheet printed on a terminal cannot drive it.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in ControlCharacters.Visible(text))
        {
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '|': builder.Append("\\|"); break;
                case '\r': break;
                case '\n': builder.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!' or '~': builder.Append('\\').Append(c); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A GitHub heading anchor we control: <c>&lt;a id&gt;</c> values are letters, digits and hyphens.</summary>
    public static string Anchor(string text) => HtmlText.Id(text);
}
