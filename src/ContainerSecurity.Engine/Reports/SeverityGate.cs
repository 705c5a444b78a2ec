namespace ContainerSecurity.Engine.Reports;

/// <summary>The decision of a CI gate: which findings remain open (failed, unwaived) at or above a severity.</summary>
public static class SeverityGate
{
    /// <summary>The open findings at or above <paramref name="minimum"/>, worst first, then by rule and target.</summary>
    public static IReadOnlyList<Finding> Blocking(IEnumerable<Finding> findings, Severity minimum) =>
        findings.Where(f => FindingOutcomes.IsOpen(f) && f.Severity >= minimum)
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Target.ToString(), StringComparer.Ordinal)
            .ToList();
}
