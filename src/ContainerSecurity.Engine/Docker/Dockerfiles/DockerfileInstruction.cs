namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>
/// One Dockerfile instruction after continuation lines are joined and comments inside them dropped: its keyword,
/// flags (--from=…), arguments, exec form (a JSON array) when it has one, heredoc bodies, and where it is.
/// </summary>
public sealed class DockerfileInstruction
{
    public DockerfileInstruction(
        string keyword,
        int line,
        int endLine,
        IReadOnlyList<DockerfileFlag> flags,
        string arguments,
        IReadOnlyList<string>? execForm,
        IReadOnlyList<DockerfileHeredoc> heredocs)
    {
        Keyword = keyword;
        Line = line;
        EndLine = endLine;
        Flags = flags;
        Arguments = arguments;
        ExecForm = execForm;
        Heredocs = heredocs;
    }

    /// <summary>The instruction in upper case: FROM, RUN, COPY …</summary>
    public string Keyword { get; }

    /// <summary>The 1-based line the instruction starts on.</summary>
    public int Line { get; }

    /// <summary>The 1-based last line, including continuation lines and heredoc bodies.</summary>
    public int EndLine { get; }

    /// <summary>Leading --name[=value] options, in order.</summary>
    public IReadOnlyList<DockerfileFlag> Flags { get; }

    /// <summary>Everything after the keyword and flags, as written (variables not expanded).</summary>
    public string Arguments { get; }

    /// <summary>The JSON-array (exec) form's elements, or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm { get; }

    /// <summary>Heredoc bodies (RUN, COPY, ADD), in order.</summary>
    public IReadOnlyList<DockerfileHeredoc> Heredocs { get; }

    /// <summary>The value of a flag (the last one wins, as in BuildKit), or null when absent.</summary>
    public string? Flag(string name) => Flags.LastOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>
    /// The command text a shell would run: the shell form with heredoc bodies appended, or the exec form's words
    /// joined by spaces (for pattern checks only; exec form runs no shell).
    /// </summary>
    public string CommandText => ExecForm is null
        ? Heredocs.Count == 0 ? Arguments : Arguments + "\n" + string.Join("\n", Heredocs.Select(h => h.Content))
        : string.Join(" ", ExecForm);

    public override string ToString() => $"{Line}: {Keyword} {Arguments}";
}

/// <summary>One --name[=value] option of an instruction; <see cref="Value"/> is null for a bare --name.</summary>
public sealed record DockerfileFlag(string Name, string? Value);

/// <summary>One heredoc: its delimiter word, its body, and the line the body starts on.</summary>
public sealed record DockerfileHeredoc(string Delimiter, string Content, int Line, bool StripTabs);

/// <summary>A line of a Dockerfile that does not parse; the rest of the file is still read.</summary>
public sealed record DockerfileDiagnostic(int Line, int Column, string Message, bool ExpansionLimit = false);
