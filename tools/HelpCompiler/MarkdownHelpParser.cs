using System.Text.RegularExpressions;

namespace ContainerSecurity.HelpCompiler;

/// <summary>
/// Reads a cmdlet page in the PlatyPS markdown schema 2.0.0 into a <see cref="CmdletHelpDocument"/>, reporting
/// every problem it finds (not only the first) so one build shows an author all that is wrong with a page.
/// </summary>
internal sealed partial class MarkdownHelpParser
{
    private const string AllParameterSets = "(All)";

    private static readonly string[] Sections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    private static readonly string[] RequiredSections = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS"];

    private static readonly string[] YamlKeys =
    [
        "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
        "Accept pipeline input", "Accept wildcard characters", "Applicable",
    ];

    private readonly MarkdownDocument _page;
    private readonly List<HelpProblem> _problems;

    // Parameter names the SYNTAX code blocks mention, with their lines, checked against PARAMETERS at the end.
    private readonly List<(string Name, int Line)> _syntaxParameters = [];
    private readonly HashSet<string> _documentedParameters = new(StringComparer.OrdinalIgnoreCase);

    private MarkdownHelpParser(MarkdownDocument page, List<HelpProblem> problems)
    {
        _page = page;
        _problems = problems;
    }

    /// <summary>Returns null only when the page is too malformed to name a cmdlet; other problems go to <paramref name="problems"/>.</summary>
    public static CmdletHelpDocument? Parse(MarkdownDocument page, string expectedHelpFileName, List<HelpProblem> problems) =>
        new MarkdownHelpParser(page, problems).Parse(expectedHelpFileName);

    private CmdletHelpDocument? Parse(string expectedHelpFileName)
    {
        CheckFrontMatter(expectedHelpFileName);

        if (_page.Blocks.Count == 0 || _page.Blocks[0] is not HeadingBlock { Level: 1 } title)
        {
            Report(_page.Blocks.Count == 0 ? 1 : _page.Blocks[0].Line, "expected '# Verb-Noun' as the first heading");
            return null;
        }

        if (!CmdletName().IsMatch(title.Text))
        {
            Report(title.Line, $"'# {title.Text}' is not a cmdlet name of the form Verb-Noun");
            return null;
        }

        if (!string.Equals(title.Text, Path.GetFileNameWithoutExtension(_page.Path), StringComparison.OrdinalIgnoreCase))
        {
            Report(title.Line, $"heading '# {title.Text}' does not match the file name");
        }

        var help = new CmdletHelpDocument
        {
            Name = title.Text,
            OnlineVersion = _page.FrontMatter?.GetValueOrDefault("online version").Value is { Length: > 0 } online ? online : null,
        };

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (heading, body) in SplitSections(title))
        {
            var name = heading.Text.ToUpperInvariant();
            if (!Sections.Contains(name))
            {
                Report(heading.Line, $"unknown section '## {heading.Text}'; expected one of: {string.Join(", ", Sections)}");
                continue;
            }

            if (!seen.Add(name))
            {
                Report(heading.Line, $"section '## {heading.Text}' appears twice");
                continue;
            }

            switch (name)
            {
                case "SYNOPSIS": help.Synopsis.AddRange(RequiredProse(heading, body, "synopsis")); break;
                case "SYNTAX": ReadSyntax(body, help); break;
                case "DESCRIPTION": help.Description.AddRange(RequiredProse(heading, body, "description")); break;
                case "EXAMPLES": ReadExamples(heading, body, help); break;
                case "PARAMETERS": ReadParameters(body, help); break;
                case "INPUTS": help.Inputs.AddRange(ReadTypes(body)); break;
                case "OUTPUTS": help.Outputs.AddRange(ReadTypes(body)); break;
                case "NOTES": help.Notes.AddRange(Prose(body)); break;
                case "RELATED LINKS": ReadLinks(body, help); break;
            }
        }

        foreach (var missing in RequiredSections.Where(s => !seen.Contains(s)))
        {
            Report(title.Line, $"missing section '## {missing}'");
        }

        CheckSyntaxAgainstParameters(help);
        return help;
    }

    private void CheckFrontMatter(string expectedHelpFileName)
    {
        if (_page.FrontMatter is not { } front)
        {
            Report(1, "missing YAML front matter (---, external help file, Module Name, online version, schema: 2.0.0, ---)");
            return;
        }

        foreach (var key in new[] { "external help file", "Module Name", "schema" })
        {
            if (!front.ContainsKey(key))
            {
                Report(1, $"front matter lacks '{key}:'");
            }
        }

        if (front.TryGetValue("schema", out var schema) && schema.Value != "2.0.0")
        {
            Report(schema.Line, $"schema '{schema.Value}' is not supported; expected 2.0.0");
        }

        // PlatyPS groups pages into MAML files by this key; this build writes exactly one file, so all must agree.
        if (front.TryGetValue("external help file", out var helpFile) && helpFile.Value != expectedHelpFileName)
        {
            Report(helpFile.Line, $"external help file is '{helpFile.Value}'; expected '{expectedHelpFileName}'");
        }
    }

    private IEnumerable<(HeadingBlock Heading, List<MarkdownBlock> Body)> SplitSections(HeadingBlock title)
    {
        HeadingBlock? current = null;
        var body = new List<MarkdownBlock>();
        foreach (var block in _page.Blocks.Skip(1))
        {
            if (block is HeadingBlock { Level: <= 2 } heading)
            {
                if (current is not null)
                {
                    yield return (current, body);
                }

                if (heading.Level == 1)
                {
                    Report(heading.Line, $"second '# {heading.Text}' heading: a page describes one cmdlet ({title.Text})");
                    current = null;
                }
                else
                {
                    current = heading;
                }

                body = [];
            }
            else if (current is null)
            {
                Report(block.Line, "content outside a '## SECTION'");
            }
            else
            {
                body.Add(block);
            }
        }

        if (current is not null)
        {
            yield return (current, body);
        }
    }

    /// <summary>Paragraphs and code blocks; sub-headings have no place in these sections.</summary>
    private List<string> Prose(List<MarkdownBlock> body)
    {
        foreach (var heading in body.OfType<HeadingBlock>())
        {
            Report(heading.Line, $"unexpected heading '{heading.Text}' inside a prose section");
        }

        return MarkdownText.Paragraphs(body);
    }

    private List<string> RequiredProse(HeadingBlock heading, List<MarkdownBlock> body, string what)
    {
        var paragraphs = Prose(body);
        if (paragraphs.Count == 0)
        {
            Report(heading.Line, $"{Capitalize(what)} is empty");
        }

        CheckPlaceholder(body, what);
        return paragraphs;
    }

    private void ReadSyntax(List<MarkdownBlock> body, CmdletHelpDocument help)
    {
        foreach (var block in body)
        {
            switch (block)
            {
                case HeadingBlock { Level: 3 } heading:
                    // "### Name (Default)" marks the default set; Get-Help has no use for the marker.
                    help.ParameterSets.Add(DefaultMarker().Replace(heading.Text, string.Empty));
                    break;
                case CodeBlock code:
                    foreach (var (line, index) in code.CodeLines.Select((l, i) => (l, i)))
                    {
                        foreach (Match match in SyntaxParameter().Matches(line))
                        {
                            _syntaxParameters.Add((match.Groups["name"].Value, code.Line + 1 + index));
                        }
                    }

                    break;
                default:
                    Report(block.Line, "SYNTAX holds only '### ParameterSetName' headings and code blocks");
                    break;
            }
        }
    }

    private void ReadExamples(HeadingBlock section, List<MarkdownBlock> body, CmdletHelpDocument help)
    {
        foreach (var (heading, content) in SplitByLevel3(body, "EXAMPLES"))
        {
            var introduction = new List<string>();
            var code = new List<string>();
            var remarks = new List<string>();
            foreach (var block in content)
            {
                switch (block)
                {
                    // Code after the remarks has begun is usually sample output: it belongs with the remarks.
                    case CodeBlock command when remarks.Count == 0:
                        code.Add(command.Code);
                        break;
                    case CodeBlock output:
                        remarks.Add(output.Code);
                        break;
                    case ParagraphBlock paragraph:
                        (code.Count == 0 ? introduction : remarks).AddRange(MarkdownText.Paragraphs(paragraph));
                        break;
                    case HeadingBlock nested:
                        Report(nested.Line, $"unexpected heading '{nested.Text}' inside an example");
                        break;
                }
            }

            if (code.Count == 0)
            {
                Report(heading.Line, $"example '{heading.Text}' has no code block");
            }

            CheckPlaceholder(content, $"example '{heading.Text}'");

            // MAML's introduction is printed glued to the code (it is meant for a "PS C:\>" prompt),
            // so prose that precedes the code is moved to the start of the remarks.
            help.Examples.Add(new ExampleHelp(heading.Text, string.Join("\n\n", code), [.. introduction, .. remarks]));
        }

        if (help.Examples.Count == 0)
        {
            Report(section.Line, "EXAMPLES has no '### Example' with code");
        }
    }

    private void ReadParameters(List<MarkdownBlock> body, CmdletHelpDocument help)
    {
        foreach (var (heading, content) in SplitByLevel3(body, "PARAMETERS"))
        {
            if (heading.Text.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase)
                || heading.Text.Equals("WorkflowParameters", StringComparison.OrdinalIgnoreCase))
            {
                // Get-Help adds the common parameters itself from the cmdlet's metadata.
                continue;
            }

            if (!heading.Text.StartsWith('-') || heading.Text.Length < 2)
            {
                Report(heading.Line, $"parameter heading '### {heading.Text}' should be '### -Name'");
                continue;
            }

            var name = heading.Text[1..];
            if (!_documentedParameters.Add(name))
            {
                Report(heading.Line, $"parameter -{name} is documented twice");
                continue;
            }

            var yamlBlocks = content.OfType<CodeBlock>().Where(c => c.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase)).ToList();
            var description = Prose(content.Where(b => !yamlBlocks.Contains(b)).ToList());
            if (description.Count == 0)
            {
                Report(heading.Line, $"parameter -{name} has no description");
            }

            CheckPlaceholder(content.Where(b => !yamlBlocks.Contains(b)), $"parameter -{name}");

            if (yamlBlocks.Count == 0)
            {
                Report(heading.Line, $"parameter -{name} has no ```yaml block (Type, Parameter Sets, Required, Position, ...)");
                continue;
            }

            var metadata = yamlBlocks.Select(y => ReadParameterMetadata(y, name)).OfType<ParameterMetadata>().ToList();
            if (metadata.Count == yamlBlocks.Count)
            {
                help.Parameters.Add(new ParameterHelp(name, description, metadata));
                CheckParameterSets(heading, name, metadata, help);
            }
        }
    }

    private ParameterMetadata? ReadParameterMetadata(CodeBlock yaml, string parameter)
    {
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var valid = true;
        foreach (var (text, index) in yaml.CodeLines.Select((l, i) => (l, i)))
        {
            var line = yaml.Line + 1 + index;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? text[..colon].Trim() : string.Empty;
            if (!YamlKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                Report(line, $"parameter -{parameter}: unknown yaml line '{text.Trim()}'; expected one of: {string.Join(", ", YamlKeys)}");
                valid = false;
                continue;
            }

            values[key] = (text[(colon + 1)..].Trim(), line);
        }

        string? Value(string key) => values.TryGetValue(key, out var v) && v.Value.Length > 0 ? v.Value : null;

        bool Boolean(string key)
        {
            var value = Value(key) ?? "False";
            if (!bool.TryParse(value, out var result))
            {
                Report(values[key].Line, $"parameter -{parameter}: '{key}' is '{value}'; expected True or False");
                valid = false;
            }

            return result;
        }

        var type = Value("Type");
        if (type is null)
        {
            Report(yaml.Line, $"parameter -{parameter}: yaml block has no Type");
            valid = false;
        }

        var position = Value("Position") ?? "Named";
        if (!position.Equals("Named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(position, out _))
        {
            Report(values["Position"].Line, $"parameter -{parameter}: Position is '{position}'; expected Named or a number");
            valid = false;
        }

        var pipelineInput = Value("Accept pipeline input") ?? "False";
        if (!PipelineInput().IsMatch(pipelineInput))
        {
            Report(values["Accept pipeline input"].Line, $"parameter -{parameter}: 'Accept pipeline input' is '{pipelineInput}'; expected False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)");
            valid = false;
        }

        var metadata = new ParameterMetadata
        {
            // PlatyPS writes [switch] parameters as "SwitchParameter"; older pages say "switch".
            Type = type is not null && type.Equals("switch", StringComparison.OrdinalIgnoreCase) ? "SwitchParameter" : type ?? string.Empty,
            ParameterSets = List(Value("Parameter Sets")).Where(s => s != AllParameterSets).ToList(),
            Aliases = List(Value("Aliases")).Where(a => !a.Equals("None", StringComparison.OrdinalIgnoreCase)).ToList(),
            AcceptedValues = List(Value("Accepted values")),
            Required = Boolean("Required"),
            Position = position.ToLowerInvariant(),
            DefaultValue = Value("Default value"),
            PipelineInput = pipelineInput,
            Globbing = Boolean("Accept wildcard characters"),
        };
        return valid ? metadata : null;
    }

    private void CheckParameterSets(HeadingBlock heading, string name, List<ParameterMetadata> metadata, CmdletHelpDocument help)
    {
        foreach (var set in metadata.SelectMany(m => m.ParameterSets))
        {
            if (!help.ParameterSets.Contains(set, StringComparer.OrdinalIgnoreCase))
            {
                Report(heading.Line, $"parameter -{name} names parameter set '{set}', which SYNTAX has no '### {set}' for");
            }
        }
    }

    private IEnumerable<TypeHelp> ReadTypes(List<MarkdownBlock> body) =>
        SplitByLevel3(body, "INPUTS and OUTPUTS").Select(entry => new TypeHelp(entry.Heading.Text, Prose(entry.Body)));

    private void ReadLinks(List<MarkdownBlock> body, CmdletHelpDocument help)
    {
        foreach (var block in body)
        {
            if (block is not ParagraphBlock paragraph)
            {
                Report(block.Line, "RELATED LINKS holds only links, one a line");
                continue;
            }

            foreach (var raw in paragraph.Lines)
            {
                var links = MarkdownText.Links(raw).ToList();
                if (links.Count == 0)
                {
                    // A plain name ("about_Foo") is still worth showing, even though it cannot be followed.
                    help.Links.Add(new RelatedLink(MarkdownText.Inline(raw.Trim().TrimStart('-', '*', '+').Trim()), string.Empty));
                }

                // Get-Help -Online needs a real URI; links to sibling .md pages are shown as text only.
                help.Links.AddRange(links.Select(l => new RelatedLink(l.Text, MarkdownText.IsAbsoluteUri(l.Uri) ? l.Uri : string.Empty)));
            }
        }
    }

    /// <summary>Groups a section's blocks under its '###' headings; anything before the first one is a problem.</summary>
    private List<(HeadingBlock Heading, List<MarkdownBlock> Body)> SplitByLevel3(List<MarkdownBlock> body, string section)
    {
        var result = new List<(HeadingBlock, List<MarkdownBlock>)>();
        foreach (var block in body)
        {
            if (block is HeadingBlock { Level: 3 } heading)
            {
                result.Add((heading, []));
            }
            else if (result.Count == 0)
            {
                Report(block.Line, $"{section}: expected a '### ' heading before this");
            }
            else
            {
                result[^1].Item2.Add(block);
            }
        }

        return result;
    }

    private void CheckSyntaxAgainstParameters(CmdletHelpDocument help)
    {
        foreach (var (name, line) in _syntaxParameters)
        {
            if (!_documentedParameters.Contains(name))
            {
                Report(line, $"SYNTAX mentions -{name}, which PARAMETERS does not document");
            }
        }
    }

    // New-MarkdownHelp fills empty sections with "{{ Fill in the Synopsis }}" and the like: that is not help.
    private void CheckPlaceholder(IEnumerable<MarkdownBlock> blocks, string what)
    {
        foreach (var block in blocks)
        {
            var text = block switch
            {
                ParagraphBlock p => string.Join('\n', p.Lines),
                CodeBlock c => c.Code,
                _ => string.Empty,
            };
            if (Placeholder().IsMatch(text))
            {
                Report(block.Line, $"{what} still holds a PlatyPS placeholder '{{{{ ... }}}}'");
            }
        }
    }

    private static List<string> List(string? value) =>
        value is null ? [] : value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private void Report(int line, string message) => _problems.Add(new HelpProblem(_page.Path, line, message));

    [GeneratedRegex(@"^[A-Za-z]+-[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex CmdletName();

    [GeneratedRegex(@"\s*\(Default\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultMarker();

    // "-Name" preceded by a space or "[" — not the "-Noun" inside "Verb-Noun", not "<CommonParameters>".
    [GeneratedRegex(@"(?<=[\s\[])-(?<name>[A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex SyntaxParameter();

    [GeneratedRegex(@"^(False|True \((ByValue|ByPropertyName|ByPropertyName, ByValue|ByValue, ByPropertyName|ByRemainingArguments)\))$", RegexOptions.IgnoreCase)]
    private static partial Regex PipelineInput();

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();
}
