using System.Text;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// The one HTML encoder of the reports. Everything that reaches HTML output goes through it — workload names,
/// messages, evidence, rule text — so text that looks like markup is shown as text and never runs.
/// </summary>
public static class HtmlText
{
    /// <summary>Encodes text for an element's content or a double- or single-quoted attribute value.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                // Control characters other than whitespace are not allowed in HTML text: show a replacement instead.
                case (< ' ' and not ('\n' or '\r' or '\t')) or (>= '\u007F' and <= '\u009F'): builder.Append('\uFFFD'); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Renders the catalog's prose (paragraphs with <c>`code`</c> spans, the only Markdown the rule documents use in
    /// prose) as HTML paragraphs. The text is encoded first, so only the markup added here is markup.
    /// </summary>
    public static string Prose(string markdown)
    {
        var builder = new StringBuilder();
        foreach (var paragraph in Paragraphs(markdown))
        {
            builder.Append("<p>").Append(InlineCode(Encode(paragraph))).Append("</p>\n");
        }

        return builder.ToString();
    }

    /// <summary>A value safe to use as an id or fragment: letters, digits and hyphens only.</summary>
    public static string Id(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        return builder.ToString();
    }

    internal static IEnumerable<string> Paragraphs(string markdown) =>
        markdown.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => string.Join(' ', p.Split('\n', StringSplitOptions.TrimEntries)));

    private static string InlineCode(string encoded)
    {
        var parts = encoded.Split('`');
        if (parts.Length < 3)
        {
            return encoded;
        }

        var builder = new StringBuilder(encoded.Length + 32);
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts sit between backticks; an unmatched trailing backtick stays a backtick.
            if (i % 2 == 1 && i < parts.Length - 1)
            {
                builder.Append("<code>").Append(parts[i]).Append("</code>");
            }
            else
            {
                builder.Append(i % 2 == 1 ? "`" + parts[i] : parts[i]);
            }
        }

        return builder.ToString();
    }
}
