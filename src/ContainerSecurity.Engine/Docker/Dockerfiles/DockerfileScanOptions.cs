namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>How a Dockerfile or image audit runs.</summary>
public sealed record DockerfileScanOptions
{
    /// <summary>Also report passed and not-applicable checks.</summary>
    public bool IncludePassed { get; init; }

    /// <summary>Only these rule ids; null means all.</summary>
    public IReadOnlySet<string>? RuleIds { get; init; }
}
