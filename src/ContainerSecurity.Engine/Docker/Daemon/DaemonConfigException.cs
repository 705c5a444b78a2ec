namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>The daemon configuration (a daemon.json file or a dockerd command line) is malformed or would be refused by dockerd.</summary>
public sealed class DaemonConfigException : Exception
{
    public DaemonConfigException(string source, int? line, int? column, string problem, Exception? innerException = null)
        : base(Format(source, line, column, problem), innerException)
    {
        Source = source;
        Line = line;
        Column = column;
    }

    /// <summary>The file or command line the problem is in.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column, when known.</summary>
    public int? Column { get; }

    /// <summary><c>file:line:column</c>, or as much of it as is known.</summary>
    public string Location => Line is null ? Source : Column is null ? $"{Source}:{Line}" : $"{Source}:{Line}:{Column}";

    private static string Format(string source, int? line, int? column, string problem) =>
        line is null ? $"{source}: {problem}" : column is null ? $"{source}:{line}: {problem}" : $"{source}:{line}:{column}: {problem}";
}
