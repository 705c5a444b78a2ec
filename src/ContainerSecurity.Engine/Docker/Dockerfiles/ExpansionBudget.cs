namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>
/// Bounds on ARG and ENV substitution in one Dockerfile, so a file whose values double at each line
/// (<c>ARG B=${A}${A}</c>, <c>ARG C=${B}${B}</c> …) ends in an error at its line instead of exhausting memory.
/// One budget is shared by every scope of a document, and by the rules that expand instruction text later.
/// </summary>
public sealed class ExpansionBudget
{
    /// <summary>
    /// The longest value one substitution may produce: 1 Mi characters, eight times what Linux accepts for one
    /// environment string or argument (MAX_ARG_STRLEN, 128 KiB), so no value that could build is refused.
    /// </summary>
    public const int MaxValueChars = 1024 * 1024;

    /// <summary>How deeply <c>${A:-${B:-…}}</c> may nest; real files use two or three levels.</summary>
    public const int MaxDepth = 32;

    /// <summary>Characters all substitutions of one file may produce together: 64 Mi.</summary>
    public const long MaxTotalChars = 64L * 1024 * 1024;

    private readonly List<int> _ruleOverruns = [];
    private long _used;

    /// <summary>Lines whose text could not be expanded by a rule (after parsing) because a bound was hit.</summary>
    public IReadOnlyList<int> RuleOverruns => _ruleOverruns;

    internal void Consume(int chars)
    {
        _used += chars;
        if (_used > MaxTotalChars)
        {
            throw new DockerfileExpansionException($"variable substitution in this file would produce more than {MaxTotalChars} characters in all");
        }
    }

    internal void RecordRuleOverrun(int line)
    {
        if (!_ruleOverruns.Contains(line))
        {
            _ruleOverruns.Add(line);
        }
    }
}

/// <summary>Variable substitution hit an <see cref="ExpansionBudget"/> bound; the message says which.</summary>
public sealed class DockerfileExpansionException(string message) : Exception(message);
