namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// Safety limits for reading manifests. Kubernetes stores objects of at most about 1.5 MB, so these leave ample room
/// for real input while stopping alias bombs, runaway nesting and single giant scalars.
/// </summary>
public sealed record ManifestLimits
{
    /// <summary>The defaults used by the cmdlets.</summary>
    public static ManifestLimits Default { get; } = new();

    /// <summary>Nodes one object may have once every alias is expanded (a "billion laughs" stops here).</summary>
    public long MaxExpandedNodes { get; init; } = 1_000_000;

    /// <summary>How deeply mappings and sequences may nest.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Characters the parser may read to produce one event (one scalar, one key): bounds a single giant value.</summary>
    public int MaxCharsPerEvent { get; init; } = 8 * 1024 * 1024;
}

/// <summary>Input exceeded a <see cref="ManifestLimits"/> bound; the position says where.</summary>
public sealed class ManifestLimitException(string message, int line, int column) : Exception(message)
{
    /// <summary>The 1-based line where the limit was hit.</summary>
    public int Line { get; } = line;

    /// <summary>The 1-based column where the limit was hit.</summary>
    public int Column { get; } = column;
}
