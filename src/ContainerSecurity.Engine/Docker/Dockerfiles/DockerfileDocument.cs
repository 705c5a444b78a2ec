using System.Text.RegularExpressions;

namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>
/// A parsed Dockerfile with its build stages resolved: global ARGs (before the first FROM) feed FROM lines; each
/// stage sees a global ARG only after redeclaring it; ARG and ENV values are tracked per instruction; a stage that
/// starts FROM an earlier stage inherits its ENV. The last stage is the image that is built by default.
/// </summary>
public sealed partial class DockerfileDocument
{
    private DockerfileDocument(string path, DockerfileSyntax syntax, IReadOnlyList<DockerfileStage> stages, IReadOnlyList<DockerfileDiagnostic> diagnostics)
    {
        Path = path;
        Syntax = syntax;
        Stages = stages;
        Diagnostics = diagnostics;
    }

    public string Path { get; }

    public DockerfileSyntax Syntax { get; }

    public IReadOnlyList<DockerfileStage> Stages { get; }

    /// <summary>Syntax errors and stage errors, by line.</summary>
    public IReadOnlyList<DockerfileDiagnostic> Diagnostics { get; }

    /// <summary>The stage built by default (the last one), or null when the file has no FROM.</summary>
    public DockerfileStage? FinalStage => Stages.Count == 0 ? null : Stages[^1];

    public static DockerfileDocument Load(string path) => Parse(File.ReadAllText(path), path);

    public static DockerfileDocument Parse(string text, string path)
    {
        var syntax = DockerfileParser.Parse(text);
        var diagnostics = syntax.Diagnostics.ToList();
        var escape = syntax.Escape;
        var globals = new DockerfileVariables();
        var stages = new List<DockerfileStage>();
        DockerfileStage? stage = null;
        DockerfileVariables scope = globals;

        foreach (var instruction in syntax.Instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                stage = StartStage(instruction, globals, stages, escape, diagnostics);
                if (stage is null)
                {
                    continue;
                }

                stages.Add(stage);

                // A stage starts with the ENV of the stage it builds on; ARGs never carry over.
                scope = new DockerfileVariables(stage.Parent is null ? null : EnvironmentOf(stage.Parent));
                continue;
            }

            if (stage is null)
            {
                if (instruction.Keyword == "ARG")
                {
                    foreach (var (name, raw) in DockerfileWords.Assignments(instruction.Arguments, escape, allowLegacyForm: false))
                    {
                        globals.Set(name, raw is null ? null : globals.Expand(raw, escape, processQuotes: true));
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
                        scope.Set(EnvPrefix + name, raw is null ? string.Empty : scope.Expand(raw, escape, processQuotes: true));
                        scope.Set(name, raw is null ? string.Empty : scope.Expand(raw, escape, processQuotes: true));
                    }
                    else if (raw is not null)
                    {
                        scope.Set(name, scope.Expand(raw, escape, processQuotes: true));
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

        return new DockerfileDocument(path, syntax, stages, diagnostics.OrderBy(d => d.Line).ToArray());
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
        var image = globals.Expand(words[0], escape, processQuotes: true, unresolved);
        var parent = stages.LastOrDefault(s => s.Name is not null && s.Name.Equals(image, StringComparison.OrdinalIgnoreCase));
        return new DockerfileStage(stages.Count, name, from, image, unresolved, parent);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9\-_.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex StageName();
}
