using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ContainerSecurity.Engine.Catalog;

/// <summary>
/// Reads one rule document (<c>docs/rules/&lt;Id&gt;.md</c>): YAML front matter for the facts, then the sections
/// Description, Exploitation and Remediation; fenced code blocks in Remediation become ready-to-paste snippets.
/// </summary>
internal static class RuleDocumentParser
{
    private static readonly string[] s_sections = ["Description", "Exploitation", "Remediation"];

    private static readonly IDeserializer s_frontMatterReader = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    public static SecurityRule Parse(string name, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0] != "---")
        {
            throw new RuleDocumentException(name, 1, "the document must start with '---' front matter");
        }

        var end = Array.IndexOf(lines, "---", 1);
        if (end < 0)
        {
            throw new RuleDocumentException(name, 1, "the front matter is not closed with '---'");
        }

        var facts = ReadFrontMatter(name, string.Join('\n', lines[1..end]));
        var sections = ReadSections(name, lines, end + 1);
        var (remediation, snippets) = SplitSnippets(sections["Remediation"]);
        return new SecurityRule
        {
            Id = Required(name, facts.Id, "id"),
            Title = Required(name, facts.Title, "title"),
            Platform = ParseEnum<Platform>(name, facts.Platform, "platform"),
            Asset = ParseEnum<Asset>(name, facts.Asset, "asset"),
            Stride = facts.Stride is { Count: > 0 }
                ? facts.Stride.Select(s => ParseEnum<StrideCategory>(name, s, "stride")).Distinct().ToArray()
                : throw new RuleDocumentException(name, 2, "'stride' must list at least one category"),
            Severity = ParseEnum<Severity>(name, facts.Severity, "severity"),
            Mode = ParseEnum<CheckMode>(name, facts.Check, "check"),
            Description = sections["Description"],
            Exploitation = sections["Exploitation"],
            Remediation = remediation,
            Snippets = snippets,
            References = (facts.References ?? []).Select(r => ReferenceSources.Create(
                name,
                Required(name, r.Source, "references.source"),
                Required(name, r.Id, "references.id"),
                r.Url)).ToArray(),
        };
    }

    private static RuleFrontMatter ReadFrontMatter(string name, string yaml)
    {
        try
        {
            return s_frontMatterReader.Deserialize<RuleFrontMatter?>(yaml) ?? new RuleFrontMatter();
        }
        catch (YamlException e)
        {
            // Front matter starts on line 2 of the file.
            throw new RuleDocumentException(name, (int)e.Start.Line + 1, e.InnerException?.Message ?? e.Message);
        }
    }

    private static Dictionary<string, string> ReadSections(string name, string[] lines, int start)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new StringBuilder();
        var inFence = false;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                Close();
                current = line[3..].Trim();
                if (!s_sections.Contains(current, StringComparer.Ordinal) || sections.ContainsKey(current))
                {
                    throw new RuleDocumentException(name, i + 1, $"unexpected section '## {current}'; expected {string.Join(", ", s_sections)} once each");
                }

                continue;
            }

            if (current is not null)
            {
                body.Append(line).Append('\n');
            }
        }

        Close();
        foreach (var section in s_sections.Where(s => !sections.ContainsKey(s) || sections[s].Length == 0))
        {
            throw new RuleDocumentException(name, lines.Length, $"the section '## {section}' is missing or empty");
        }

        return sections;

        void Close()
        {
            if (current is not null)
            {
                sections[current] = body.ToString().Trim();
            }

            body.Clear();
        }
    }

    private static (string Prose, RemediationSnippet[] Snippets) SplitSnippets(string remediation)
    {
        var prose = new StringBuilder();
        var snippets = new List<RemediationSnippet>();
        StringBuilder? code = null;
        var language = string.Empty;
        foreach (var line in remediation.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (code is null)
                {
                    language = line[3..].Trim();
                    code = new StringBuilder();
                }
                else
                {
                    snippets.Add(new RemediationSnippet(language.Length == 0 ? "text" : language, code.ToString().TrimEnd('\n')));
                    code = null;
                }
            }
            else if (code is not null)
            {
                code.Append(line).Append('\n');
            }
            else
            {
                prose.Append(line).Append('\n');
            }
        }

        return (prose.ToString().Trim(), snippets.ToArray());
    }

    private static string Required(string name, string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RuleDocumentException(name, 2, $"'{field}' is required") : value.Trim();

    private static T ParseEnum<T>(string name, string? value, string field)
        where T : struct, Enum =>
        Enum.TryParse<T>(Required(name, value, field), ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new RuleDocumentException(name, 2, $"'{field}: {value}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
}
