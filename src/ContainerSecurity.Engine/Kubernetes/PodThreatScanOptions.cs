namespace ContainerSecurity.Engine.Kubernetes;

/// <summary>What a pod audit reports.</summary>
public sealed record PodThreatScanOptions
{
    /// <summary>Whether to report passed checks too (costs time: one finding per rule and container).</summary>
    public bool IncludePassed { get; init; }

    /// <summary>Report Pod Security Standards assessments instead of findings.</summary>
    public bool PodSecurityLevel { get; init; }

    /// <summary>The date waivers are checked against.</summary>
    public DateTime Today { get; init; } = DateTime.UtcNow.Date;

    /// <summary>Only these rules; <see langword="null"/> for all.</summary>
    public Func<string, bool>? RuleFilter { get; init; }
}
