using System.Text.RegularExpressions;

namespace ContainerSecurity.HelpCompiler;

/// <summary>A problem found in a help source file, reported as <c>file:line: message</c>.</summary>
internal sealed record HelpProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>One block-level element of a markdown file; <see cref="Line"/> is 1-based, for error messages.</summary>
internal abstract record MarkdownBlock(int Line);

internal sealed record HeadingBlock(int Line, int Level, string Text) : MarkdownBlock(Line);

/// <summary>Consecutive non-blank lines (trailing whitespace kept: two trailing spaces are a hard break).</summary>
internal sealed record ParagraphBlock(int Line, IReadOnlyList<string> Lines) : MarkdownBlock(Line);

/// <summary>A fenced code block; <see cref="Info"/> is the word after the fence (powershell, yaml, ...).</summary>
internal sealed record CodeBlock(int Line, string Info, IReadOnlyList<string> CodeLines) : MarkdownBlock(Line)
{
    public string Code => string.Join('\n', CodeLines);
}

/// <summary>
/// The small subset of markdown the PlatyPS schema uses: optional YAML front matter, ATX headings, paragraphs
/// and code blocks (fenced or indented). Everything else (lists, links, emphasis) stays inside paragraph text and is
/// handled by <see cref="MarkdownText"/>. A full CommonMark parser would be a package reference for no gain.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private MarkdownDocument(string path, IReadOnlyDictionary<string, (string Value, int Line)>? frontMatter, IReadOnlyList<MarkdownBlock> blocks)
    {
        Path = path;
        FrontMatter = frontMatter;
        Blocks = blocks;
    }

    /// <summary>The path used in problem messages.</summary>
    public string Path { get; }

    /// <summary>Front matter keys (case-insensitive) with their values and lines; null when the file has none.</summary>
    public IReadOnlyDictionary<string, (string Value, int Line)>? FrontMatter { get; }

    public IReadOnlyList<MarkdownBlock> Blocks { get; }

    public static MarkdownDocument Parse(string path, string text, List<HelpProblem> problems)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var index = 0;
        var frontMatter = ReadFrontMatter(path, lines, ref index, problems);
        var blocks = new List<MarkdownBlock>();
        var paragraph = new List<string>();
        var paragraphLine = 0;

        void EndParagraph()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new ParagraphBlock(paragraphLine, paragraph.ToArray()));
                paragraph.Clear();
            }
        }

        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            var lineNumber = index + 1;

            if (line.Trim().Length == 0)
            {
                EndParagraph();
                continue;
            }

            var fence = FenceOpen().Match(line);
            if (fence.Success)
            {
                EndParagraph();
                var indent = fence.Groups["indent"].Length;
                var marker = fence.Groups["fence"].Value;
                var code = new List<string>();
                var closed = false;
                for (index++; index < lines.Length; index++)
                {
                    var trimmed = lines[index].Trim();
                    if (trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]))
                    {
                        closed = true;
                        break;
                    }

                    // Code indented like its fence keeps only its own, relative indentation.
                    code.Add(StripIndent(lines[index], indent).TrimEnd());
                }

                if (!closed)
                {
                    problems.Add(new HelpProblem(path, lineNumber, $"code block opened with {marker} is never closed"));
                }

                blocks.Add(new CodeBlock(lineNumber, fence.Groups["info"].Value.Trim(), code));
                continue;
            }

            // An indented code block (four spaces) cannot interrupt a paragraph: there the indent is a continuation.
            if (paragraph.Count == 0 && IsIndentedCode(line))
            {
                var code = new List<string>();
                for (; index < lines.Length && (lines[index].Trim().Length == 0 || IsIndentedCode(lines[index])); index++)
                {
                    code.Add(lines[index].Trim().Length == 0 ? string.Empty : StripIndent(lines[index].Replace("\t", "    "), 4).TrimEnd());
                }

                // Blank lines after the block separate it from what follows; they are not code.
                while (code[^1].Length == 0)
                {
                    code.RemoveAt(code.Count - 1);
                }

                index--;
                blocks.Add(new CodeBlock(lineNumber, string.Empty, code));
                continue;
            }

            var heading = Heading().Match(line);
            if (heading.Success)
            {
                EndParagraph();
                blocks.Add(new HeadingBlock(lineNumber, heading.Groups["hashes"].Length, heading.Groups["text"].Value.Trim()));
                continue;
            }

            if (paragraph.Count == 0)
            {
                paragraphLine = lineNumber;
            }

            paragraph.Add(line.TrimEnd('\t'));
        }

        EndParagraph();
        return new MarkdownDocument(path, frontMatter, blocks);
    }

    private static Dictionary<string, (string, int)>? ReadFrontMatter(string path, string[] lines, ref int index, List<HelpProblem> problems)
    {
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return null;
        }

        var result = new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);
        for (index = 1; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.TrimEnd() == "---")
            {
                index++;
                return result;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problems.Add(new HelpProblem(path, index + 1, $"front matter line is not 'key: value': {line.Trim()}"));
                continue;
            }

            result[line[..colon].Trim()] = (line[(colon + 1)..].Trim(), index + 1);
        }

        problems.Add(new HelpProblem(path, 1, "front matter opened with --- is never closed"));
        return result;
    }

    private static bool IsIndentedCode(string line) => line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('\t');

    private static string StripIndent(string line, int indent)
    {
        var strip = 0;
        while (strip < indent && strip < line.Length && line[strip] == ' ')
        {
            strip++;
        }

        return line[strip..];
    }

    [GeneratedRegex(@"^(?<indent> {0,3})(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex FenceOpen();

    // "#Requires" is prose, not a heading: CommonMark needs a space after the hashes.
    [GeneratedRegex(@"^ {0,3}(?<hashes>#{1,6})(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();
}
