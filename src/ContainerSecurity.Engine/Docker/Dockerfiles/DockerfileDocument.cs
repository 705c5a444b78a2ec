using System.Text.RegularExpressions;

namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>
/// A parsed Dockerfile with its build stages resolved: global ARGs (before the first FROM) feed FROM lines; each
/// stage sees a global ARG only after redeclaring it; ARG and ENV values are tracked per instruction; a stage that
/// starts FROM an earlier stage inherits its ENV. The last stage is the image that is built by default.
/// </summary>
public sealed partial class DockerfileDocument
{
    private DockerfileDocument(string path, DockerfileSyntax syntax, IReadOnlyList<DockerfileStage> stages, IReadOnlyList<DockerfileDiagnostic> diagnostics, ExpansionBudget budget)
    {
        Budget = budget;
        Path = path;
        Syntax = syntax;
        Stages = stages;
        Diagnostics = diagnostics;
    }

    public string Path { get; }

    /// <summary>The substitution bounds of this file, with the lines that rules could not expand.</summary>
    public ExpansionBudget Budget { get; }

    public DockerfileSyntax Syntax { get; }

    public IReadOnlyList<DockerfileStage> Stages { get; }

    /// <summary>Syntax errors and stage errors, by line.</summary>
    public IReadOnlyList<DockerfileDiagnostic> Diagnostics { get; }

    /// <summary>The stage built by default (the last one), or null when the file has no FROM.</summary>
    public DockerfileStage? FinalStage => Stages.Count == 0 ? null : Stages[^1];

    public static DockerfileDocument Parse(string text, string path, CancellationToken cancellation = default)
    {
        var syntax = DockerfileParser.Parse(text, cancellation);
        var diagnostics = syntax.Diagnostics.ToList();
        var escape = syntax.Escape;
        var budget = new ExpansionBudget();
        var globals = new DockerfileVariables(budget: budget);
        var stages = new List<DockerfileStage>();
        DockerfileStage? stage = null;
        DockerfileVariables scope = globals;

        foreach (var instruction in syntax.Instructions)
        {
            cancellation.ThrowIfCancellationRequested();
            if (instruction.Keyword == "FROM")
            {
                stage = StartStage(instruction, globals, stages, escape, diagnostics);
                if (stage is null)
                {
                    continue;
                }

                stages.Add(stage);

                // A stage starts with the ENV of the stage it builds on; ARGs never carry over.
                scope = new DockerfileVariables(stage.Parent is null ? null : EnvironmentOf(stage.Parent), budget);
                continue;
            }

            if (stage is null)
            {
                if (instruction.Keyword == "ARG")
                {
                    foreach (var (name, raw) in DockerfileWords.Assignments(instruction.Arguments, escape, allowLegacyForm: false))
                    {
                        globals.Set(name, raw is null ? null : Bounded(globals, raw, escape, instruction, name, diagnostics));
                    }
                }
                else
                {
                    diagnostics.Add(new(instruction.Line, 1, $"{instruction.Keyword} comes before the first FROM; only ARG may"));
                }

                continue;
            }

            if (instruction.Keyword is "ARG" or "ENV")
            {
                scope = scope.Copy();
                foreach (var (name, raw) in DockerfileWords.Assignments(instruction.Arguments, escape, allowLegacyForm: instruction.Keyword == "ENV"))
                {
                    if (instruction.Keyword == "ENV")
                    {
                        var value = raw is null ? string.Empty : Bounded(scope, raw, escape, instruction, name, diagnostics);
                        scope.Set(EnvPrefix + name, value);
                        scope.Set(name, value);
                    }
                    else if (raw is not null)
                    {
                        scope.Set(name, Bounded(scope, raw, escape, instruction, name, diagnostics));
                    }
                    else if (!scope.TryGet(name, out _))
                    {
                        // ARG NAME without default: the global's value, if there is one, else set by --build-arg only.
                        scope.Set(name, globals.TryGet(name, out var global) ? global : null);
                    }
                }
            }

            stage.Add(new DockerfileStep(instruction, scope, escape));
        }

        return new DockerfileDocument(path, syntax, stages, diagnostics.OrderBy(d => d.Line).ToArray(), budget);
    }

    /// <summary>The expanded value, or null (unknown, as an ARG without default) when a substitution bound is hit, reported at its line.</summary>
    private static string? Bounded(DockerfileVariables scope, string raw, char escape, DockerfileInstruction instruction, string name, List<DockerfileDiagnostic> diagnostics)
    {
        try
        {
            return scope.Expand(raw, escape, processQuotes: true);
        }
        catch (DockerfileExpansionException e)
        {
            diagnostics.Add(new(instruction.Line, 1, $"{instruction.Keyword} {name}: {e.Message}; {name} is treated as unknown and the rest of the file is audited", ExpansionLimit: true));
            return null;
        }
    }

    // ENV values are stored twice: under their name for expansion, and under this prefix so that a later stage
    // that builds on this one can tell ENV (inherited) from ARG (not inherited).
    private const string EnvPrefix = "\u0001env:";

    private static IEnumerable<KeyValuePair<string, string?>> EnvironmentOf(DockerfileStage parent) =>
        parent.Steps.Count > 0 ? parent.Steps[^1].Variables.EnvironmentEntries(EnvPrefix)
        : parent.Parent is not null ? EnvironmentOf(parent.Parent)
        : [];

    private static DockerfileStage? StartStage(DockerfileInstruction from, DockerfileVariables globals, List<DockerfileStage> stages, char escape, List<DockerfileDiagnostic> diagnostics)
    {
        var words = DockerfileWords.Split(from.Arguments, escape);
        string? name = null;
        if (words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
        {
            name = words[2].ToLowerInvariant();
            if (!StageName().IsMatch(name))
            {
                diagnostics.Add(new(from.Line, 1, $"invalid stage name '{words[2]}'"));
            }
        }
        else if (words.Count != 1)
        {
            diagnostics.Add(new(from.Line, 1, "FROM takes an image and optionally 'AS name'"));
            if (words.Count == 0)
            {
                return null;
            }
        }

        var unresolved = new List<string>();
        string image;
        try
        {
            image = globals.Expand(words[0], escape, processQuotes: true, unresolved);
        }
        catch (DockerfileExpansionException e)
        {
            diagnostics.Add(new(from.Line, 1, $"FROM: {e.Message}; the base image is treated as unknown", ExpansionLimit: true));
            image = words[0];
        }

        var parent = stages.LastOrDefault(s => s.Name is not null && s.Name.Equals(image, StringComparison.OrdinalIgnoreCase));
        return new DockerfileStage(stages.Count, name, from, image, unresolved, parent);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9\-_.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex StageName();
}
