using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>What a manifest source yields: an object, or a problem with one document, file or listing.</summary>
public readonly record struct ManifestReadResult(ManifestObject? Object, ScanProblem? Problem, string? Skipped = null)
{
    /// <summary>An object to audit.</summary>
    public static ManifestReadResult Of(ManifestObject value) => new(value, null);

    /// <summary>A failure that lost one item; the source goes on.</summary>
    public static ManifestReadResult Failed(ScanProblem problem) => new(null, problem);

    /// <summary>An item that is not a Kubernetes object, with why (for -Verbose).</summary>
    public static ManifestReadResult Skip(string reason) => new(null, null, reason);
}
