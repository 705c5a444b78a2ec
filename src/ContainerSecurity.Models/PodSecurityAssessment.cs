namespace ContainerSecurity;

/// <summary>
/// The Pod Security Standards level a workload meets, and the controls that keep it from the next level. Each
/// violation reads <c>control: field path</c>, with the control named as Pod Security Admission names its check.
/// </summary>
public sealed class PodSecurityAssessment
{
    /// <summary>The workload: file:line or namespace/kind/name.</summary>
    public required FindingTarget Target { get; init; }

    /// <summary>The most restrictive level the workload meets.</summary>
    public required PodSecurityLevel Level { get; init; }

    /// <summary>Baseline controls the workload violates (empty at Baseline and Restricted).</summary>
    public required string[] BaselineViolations { get; init; }

    /// <summary>Restricted-only controls the workload violates (empty at Restricted).</summary>
    public required string[] RestrictedViolations { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Target}: {Level}";
}
