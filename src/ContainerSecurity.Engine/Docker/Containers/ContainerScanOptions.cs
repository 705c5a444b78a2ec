namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>How a container audit runs.</summary>
public sealed record ContainerScanOptions
{
    /// <summary>How many containers are inspected at once.</summary>
    public int ThrottleLimit { get; init; } = 16;

    /// <summary>Also report passed and not-applicable checks.</summary>
    public bool IncludePassed { get; init; }

    /// <summary>
    /// List every process of running containers (GET /containers/{id}/top) for the SSH-server check, DC007. Off by
    /// default: the daemon runs ps over the whole host for each call, which dominates the audit's time; without it
    /// DC007 judges the main process from inspect.
    /// </summary>
    public bool ListProcesses { get; init; }

    /// <summary>Only these rule ids; null means all.</summary>
    public IReadOnlySet<string>? RuleIds { get; init; }

    /// <summary>Where running processes are listed, to read a local daemon's command line (its container defaults).</summary>
    public string ProcRoot { get; init; } = "/proc";
}
