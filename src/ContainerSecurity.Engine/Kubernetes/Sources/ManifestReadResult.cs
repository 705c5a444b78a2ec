using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>What a manifest source yields: an object, or a problem with one document, file or listing.</summary>
public readonly record struct ManifestReadResult(ManifestObject? Object, ScanProblem? Problem, string? Skipped = null, string? Warning = null)
{
    /// <summary>An object to audit.</summary>
    public static ManifestReadResult Of(ManifestObject value) => new(value, null);

    /// <summary>A failure that lost one item; the source goes on.</summary>
    public static ManifestReadResult Failed(ScanProblem problem) => new(null, problem);

    /// <summary>An item that is not a Kubernetes object, with why (for -Verbose).</summary>
    public static ManifestReadResult Skip(string reason) => new(null, null, reason);

    /// <summary>A file skipped that the user should hear of (a FIFO named like a manifest, a link out of the tree); also a skip for consumers that only know skips.</summary>
    public static ManifestReadResult Warn(string warning) => new(null, null, warning, warning);
}
