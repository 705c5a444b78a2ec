namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>A manifest could not be read: malformed YAML or JSON, a wrong field type, bad encoding. Names the position.</summary>
public sealed class ManifestFormatException : FormatException
{
    /// <summary>Creates the exception; the message starts with <c>file:line:column:</c>.</summary>
    public ManifestFormatException(string file, int line, int column, string reason, Exception? inner = null)
        : base(line > 0 ? $"{file}:{line}:{column}: {reason}" : $"{file}: {reason}", inner)
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file or input label.</summary>
    public string File { get; }

    /// <summary>The 1-based line, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }
}
