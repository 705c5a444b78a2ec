namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>
/// One build stage: its FROM line, base image (variables expanded), the earlier stage it builds on if any, and its
/// instructions, each with the stage's variables as they stood at that instruction.
/// </summary>
public sealed class DockerfileStage
{
    internal DockerfileStage(int index, string? name, DockerfileInstruction from, string baseImage, IReadOnlyList<string> unresolvedInBase, DockerfileStage? parent)
    {
        Index = index;
        Name = name;
        From = from;
        BaseImage = baseImage;
        UnresolvedInBase = unresolvedInBase;
        Parent = parent;
    }

    public int Index { get; }

    /// <summary>The AS name, or null.</summary>
    public string? Name { get; }

    public DockerfileInstruction From { get; }

    /// <summary>The base image reference after ARG substitution.</summary>
    public string BaseImage { get; }

    /// <summary>Build arguments in the FROM line that have no default (their value comes from --build-arg).</summary>
    public IReadOnlyList<string> UnresolvedInBase { get; }

    /// <summary>The earlier stage this one starts from (FROM builder), or null for an image or scratch.</summary>
    public DockerfileStage? Parent { get; }

    /// <summary>Whether the base is the empty image.</summary>
    public bool IsScratch => Parent is null && BaseImage.Equals("scratch", StringComparison.OrdinalIgnoreCase);

    private readonly List<DockerfileStep> _steps = [];

    /// <summary>The stage's instructions after FROM, in order.</summary>
    public IReadOnlyList<DockerfileStep> Steps => _steps;

    /// <summary>This stage and the stages it builds on, nearest first: their layers are all in this stage's image.</summary>
    public IEnumerable<DockerfileStage> Lineage
    {
        get
        {
            for (var stage = this; stage is not null; stage = stage.Parent)
            {
                yield return stage;
            }
        }
    }

    internal void Add(DockerfileStep step) => _steps.Add(step);

    /// <summary>The display name: the AS name or the stage index.</summary>
    public override string ToString() => Name ?? Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An instruction of a stage with the variables in scope when it runs.</summary>
public sealed record DockerfileStep(DockerfileInstruction Instruction, DockerfileVariables Variables, char Escape)
{
    /// <summary>
    /// Expands the instruction's arguments (or any text) with the variables in scope. Text whose substitution hits a
    /// bound (<see cref="ExpansionBudget"/>) is returned unexpanded and its line recorded, so the scan reports it.
    /// </summary>
    public string Expand(string text, bool processQuotes = true, ICollection<string>? unresolved = null)
    {
        try
        {
            return Variables.Expand(text, Escape, processQuotes, unresolved);
        }
        catch (DockerfileExpansionException)
        {
            Variables.Budget.RecordRuleOverrun(Instruction.Line);
            return text;
        }
    }
}
