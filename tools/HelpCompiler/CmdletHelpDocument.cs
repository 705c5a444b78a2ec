namespace ContainerSecurity.HelpCompiler;

/// <summary>One cmdlet's help, as read from its markdown page. Text is already plain: one string per maml:para.</summary>
internal sealed class CmdletHelpDocument
{
    public required string Name { get; init; }

    public string Verb => Name[..Name.IndexOf('-', StringComparison.Ordinal)];

    public string Noun => Name[(Name.IndexOf('-', StringComparison.Ordinal) + 1)..];

    /// <summary>The front matter's "online version"; Get-Help -Online opens it.</summary>
    public string? OnlineVersion { get; init; }

    public List<string> Synopsis { get; } = [];

    public List<string> Description { get; } = [];

    /// <summary>Parameter set names in the order the SYNTAX section lists them; empty when it names none.</summary>
    public List<string> ParameterSets { get; } = [];

    public List<ParameterHelp> Parameters { get; } = [];

    public List<TypeHelp> Inputs { get; } = [];

    public List<TypeHelp> Outputs { get; } = [];

    public List<string> Notes { get; } = [];

    public List<ExampleHelp> Examples { get; } = [];

    public List<RelatedLink> Links { get; } = [];
}

/// <summary>
/// A parameter: its description and one metadata block per group of parameter sets in which it behaves the same
/// way (a parameter mandatory in one set and optional in another has two). The first block describes it in the
/// PARAMETERS list, as PlatyPS does; the syntax of each set uses the block that names that set.
/// </summary>
internal sealed record ParameterHelp(string Name, IReadOnlyList<string> Description, IReadOnlyList<ParameterMetadata> Metadata);

internal sealed record ParameterMetadata
{
    public required string Type { get; init; }

    /// <summary>The sets this block applies to; empty means every set ("(All)").</summary>
    public required IReadOnlyList<string> ParameterSets { get; init; }

    public required IReadOnlyList<string> Aliases { get; init; }

    public required IReadOnlyList<string> AcceptedValues { get; init; }

    public required bool Required { get; init; }

    /// <summary>"named" or a zero-based position.</summary>
    public required string Position { get; init; }

    public required string? DefaultValue { get; init; }

    /// <summary>As written, e.g. "True (ByPropertyName, ByValue)": Get-Help prints it verbatim.</summary>
    public required string PipelineInput { get; init; }

    public required bool Globbing { get; init; }

    public bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";

    public bool AppliesTo(string parameterSet) =>
        ParameterSets.Count == 0 || ParameterSets.Contains(parameterSet, StringComparer.OrdinalIgnoreCase);
}

/// <summary>An INPUTS or OUTPUTS entry.</summary>
internal sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>A RELATED LINKS entry; <see cref="Uri"/> is empty for links to other pages of this help.</summary>
internal sealed record RelatedLink(string Text, string Uri);
