using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ContainerSecurity.HelpCompiler;

/// <summary>
/// Writes the MAML that PowerShell reads from &lt;Assembly&gt;.dll-Help.xml, element for element in the shape
/// PlatyPS's New-ExternalHelp produces, so Get-Help renders this module like any other.
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    public static void Write(string path, IEnumerable<CmdletHelpDocument> commands)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

        // "\n" whatever the build OS, so the file is byte-for-byte the same on every machine.
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
        };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    private static XElement CommandElement(CmdletHelpDocument help) =>
        new(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Verb),
                new XElement(Command + "noun", help.Noun),
                new XElement(Maml + "description", Paragraphs(help.Synopsis))),
            new XElement(Maml + "description", Paragraphs(help.Description)),
            new XElement(Command + "syntax", SyntaxItems(help)),
            new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, p.Metadata[0], inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeEntry("inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeEntry("returnValue", t))),
            // PlatyPS writes an empty alertSet for an empty NOTES section, which Get-Help prints as a bare
            // "NOTES" heading; leaving it out when there is nothing to say is what PowerShell's own help does.
            help.Notes.Count > 0 ? new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help.Notes))) : null,
            new XElement(Command + "examples", help.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", Links(help)));

    /// <summary>
    /// One syntax item per parameter set, holding the parameters that take part in it (with that set's
    /// position and required flag), positional ones first in position order, then the rest as documented.
    /// </summary>
    private static IEnumerable<XElement> SyntaxItems(CmdletHelpDocument help)
    {
        // A page whose SYNTAX names no set has a single syntax item holding every parameter.
        IReadOnlyList<string?> sets = help.ParameterSets.Count > 0 ? [.. help.ParameterSets] : [null];
        foreach (var set in sets)
        {
            var members =
                from parameter in help.Parameters
                let metadata = set is null ? parameter.Metadata[0] : parameter.Metadata.FirstOrDefault(m => m.AppliesTo(set))
                where metadata is not null
                orderby int.TryParse(metadata.Position, out var position) ? position : int.MaxValue
                select Parameter(parameter, metadata, inSyntax: true);
            yield return new XElement(Command + "syntaxItem", new XElement(Maml + "name", help.Name), members);
        }
    }

    private static XElement Parameter(ParameterHelp parameter, ParameterMetadata metadata, bool inSyntax) =>
        new(Command + "parameter",
            new XAttribute("required", metadata.Required ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", metadata.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", metadata.PipelineInput),
            new XAttribute("position", metadata.Position),
            new XAttribute("aliases", metadata.Aliases.Count > 0 ? string.Join(", ", metadata.Aliases) : "none"),
            new XElement(Maml + "name", parameter.Name),
            new XElement(Maml + "description", Paragraphs(parameter.Description)),
            // The syntax line shows "-Severity {Low | High}" from the value group, "-Force" with no value for a switch.
            inSyntax && metadata.AcceptedValues.Count > 0
                ? new XElement(Command + "parameterValueGroup",
                    metadata.AcceptedValues.Select(v => new XElement(Command + "parameterValue",
                        new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v)))
                : null,
            inSyntax && metadata.IsSwitch
                ? null
                : new XElement(Command + "parameterValue",
                    new XAttribute("required", metadata.IsSwitch ? "false" : "true"),
                    new XAttribute("variableLength", "false"),
                    metadata.Type),
            new XElement(Dev + "type", new XElement(Maml + "name", metadata.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", DefaultValue(metadata)));

    private static string DefaultValue(ParameterMetadata metadata) =>
        metadata.IsSwitch && (metadata.DefaultValue is null || metadata.DefaultValue.Equals("None", StringComparison.OrdinalIgnoreCase))
            ? "False"
            : metadata.DefaultValue ?? "None";

    private static XElement TypeEntry(string elementName, TypeHelp type) =>
        new(Command + elementName,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            new XElement(Maml + "description", Paragraphs(type.Description)));

    private static XElement Example(ExampleHelp example) =>
        new(Command + "example",
            new XElement(Maml + "title", PadTitle(example.Title)),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paragraphs(example.Remarks)));

    /// <summary>Get-Help prints example titles as a dashed rule ("---- Example 1: ... ----"), 64 columns wide.</summary>
    private static string PadTitle(string title)
    {
        const int width = 64;
        if (title.Length >= width - 2)
        {
            return title;
        }

        var dashes = new string('-', (width - title.Length - 2) / 2);
        return $"{dashes} {title} {dashes}";
    }

    private static IEnumerable<XElement> Links(CmdletHelpDocument help)
    {
        // Get-Help -Online opens the first link's URI; PlatyPS puts the front matter's online version there.
        if (help.OnlineVersion is not null)
        {
            yield return Link("Online Version:", help.OnlineVersion);
        }

        foreach (var link in help.Links)
        {
            yield return Link(link.Text, link.Uri);
        }
    }

    private static XElement Link(string text, string uri) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));
}
