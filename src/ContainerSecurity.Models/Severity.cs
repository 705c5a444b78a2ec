namespace ContainerSecurity;

/// <summary>How bad a threat is when it is present, from informational to critical.</summary>
/// <remarks>Ordered so that comparisons such as <c>Severity -ge 'High'</c> work in PowerShell.</remarks>
public enum Severity
{
    /// <summary>Worth knowing; no direct risk.</summary>
    Info = 0,
    /// <summary>Defence in depth.</summary>
    Low = 1,
    /// <summary>Weakens isolation or observability.</summary>
    Medium = 2,
    /// <summary>A direct path to disclosure, tampering or escalation.</summary>
    High = 3,
    /// <summary>Host or cluster compromise with little effort.</summary>
    Critical = 4,
}
