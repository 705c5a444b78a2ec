using System.Text;

namespace ContainerSecurity.HelpCompiler;

/// <summary>
/// Turns an about_*.md page into the plain-text about_*.help.txt that Get-Help prints: the layout of
/// PowerShell's own about topics ("TOPIC", upper-case section headings, text indented four spaces and
/// wrapped at 80 columns, code indented a further four spaces without its fences).
/// </summary>
internal static class AboutTopicWriter
{
    private const int Width = 80;
    private const string Indent = "    ";

    /// <summary>Checks the page and returns its text, or null when it has problems (reported to <paramref name="problems"/>).</summary>
    public static string? Render(MarkdownDocument page, List<HelpProblem> problems)
    {
        var topic = Path.GetFileNameWithoutExtension(page.Path);
        if (page.Blocks.Count == 0 || page.Blocks[0] is not HeadingBlock { Level: 1 } title)
        {
            problems.Add(new HelpProblem(page.Path, page.Blocks.Count == 0 ? 1 : page.Blocks[0].Line, $"expected '# {topic}' as the first heading"));
            return null;
        }

        var problemCount = problems.Count;
        if (!title.Text.Equals(topic, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new HelpProblem(page.Path, title.Line, $"heading '# {title.Text}' does not match the file name ({topic})"));
        }

        // Get-Help takes an about topic's synopsis from this section.
        if (!page.Blocks.OfType<HeadingBlock>().Any(h => h.Text.Equals("Short description", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(new HelpProblem(page.Path, title.Line, "about topic lacks a '## Short description' section"));
        }

        var text = new StringBuilder();
        text.Append("TOPIC\n").Append(Indent).Append(title.Text.ToLowerInvariant()).Append("\n\n");
        foreach (var block in page.Blocks.Skip(1))
        {
            switch (block)
            {
                case HeadingBlock { Level: 1 } heading:
                    problems.Add(new HelpProblem(page.Path, heading.Line, "an about topic has one '# ' heading"));
                    break;
                case HeadingBlock { Level: 2 } heading:
                    text.Append(heading.Text.ToUpperInvariant()).Append('\n');
                    break;
                case HeadingBlock heading:
                    text.Append(Indent).Append(heading.Text.ToUpperInvariant()).Append('\n');
                    break;
                case ParagraphBlock paragraph:
                    foreach (var item in MarkdownText.Paragraphs(paragraph))
                    {
                        AppendWrapped(text, item);
                    }

                    text.Append('\n');
                    break;
                case CodeBlock code:
                    foreach (var line in code.CodeLines)
                    {
                        text.Append(line.Length == 0 ? string.Empty : Indent + Indent + line).Append('\n');
                    }

                    text.Append('\n');
                    break;
            }
        }

        return problems.Count == problemCount ? text.ToString().TrimEnd('\n') + "\n" : null;
    }

    /// <summary>Wraps at word boundaries; list items ("- x", "1. x") get a hanging indent under their text.</summary>
    private static void AppendWrapped(StringBuilder text, string paragraph)
    {
        var marker = paragraph.StartsWith("- ", StringComparison.Ordinal) ? 2 : NumberedMarkerLength(paragraph);
        var continuation = Indent + new string(' ', marker);
        foreach (var hardLine in paragraph.Split('\n'))
        {
            var line = new StringBuilder(Indent);
            var lineHasWord = false;
            foreach (var word in hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (lineHasWord && line.Length + 1 + word.Length > Width)
                {
                    text.Append(line).Append('\n');
                    line.Clear().Append(continuation);
                    lineHasWord = false;
                }

                line.Append(lineHasWord ? " " : string.Empty).Append(word);
                lineHasWord = true;
            }

            text.Append(line).Append('\n');
        }
    }

    private static int NumberedMarkerLength(string paragraph)
    {
        var digits = paragraph.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && paragraph.Length > digits + 1 && paragraph[digits] is '.' or ')' && paragraph[digits + 1] == ' '
            ? digits + 2
            : 0;
    }
}
