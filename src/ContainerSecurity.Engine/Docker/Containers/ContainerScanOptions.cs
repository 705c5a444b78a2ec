namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>How a container audit runs.</summary>
public sealed record ContainerScanOptions
{
    /// <summary>How many containers are inspected at once.</summary>
    public int ThrottleLimit { get; init; } = 16;

    /// <summary>Also report passed and not-applicable checks.</summary>
    public bool IncludePassed { get; init; }

    /// <summary>List the processes of running containers (GET /top) for the SSH-server check, DC007.</summary>
    public bool ListProcesses { get; init; } = true;

    /// <summary>Only these rule ids; null means all.</summary>
    public IReadOnlySet<string>? RuleIds { get; init; }
}
