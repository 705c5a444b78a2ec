namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// What a reader needs on the first screen of the sheet: how many findings of each severity passed, failed, were
/// waived or could not be evaluated, the worst open findings, and how much was audited.
/// </summary>
public sealed class CheatSheetSummary
{
    /// <summary>The summary of a sheet without findings.</summary>
    public static CheatSheetSummary Empty { get; } = new() { BySeverity = [], WorstFindings = [], Scope = new AuditScope(0, 0, 0, 0) };

    /// <summary>One row per severity, worst first, with the findings of that severity counted by outcome.</summary>
    public required IReadOnlyList<SeverityOutcomes> BySeverity { get; init; }

    /// <summary>The worst open (failed, unwaived) findings: severity first, then rule and target.</summary>
    public required IReadOnlyList<Finding> WorstFindings { get; init; }

    /// <summary>How much the findings cover.</summary>
    public required AuditScope Scope { get; init; }

    /// <summary>Summarizes <paramref name="findings"/>, keeping the <paramref name="worstCount"/> worst open ones.</summary>
    public static CheatSheetSummary From(IReadOnlyCollection<Finding> findings, int worstCount)
    {
        var bySeverity = Enum.GetValues<Severity>().OrderDescending()
            .Select(severity =>
            {
                var ofSeverity = findings.Where(f => f.Severity == severity).ToList();
                int Count(FindingOutcome outcome) => ofSeverity.Count(f => FindingOutcomes.Of(f) == outcome);
                return new SeverityOutcomes(severity, Count(FindingOutcome.Failed), Count(FindingOutcome.Waived), Count(FindingOutcome.Passed),
                    Count(FindingOutcome.NotEvaluated), Count(FindingOutcome.Informational));
            })
            .ToList();
        var worst = SeverityGate.Blocking(findings, Severity.Info).Take(worstCount).ToList();
        return new CheatSheetSummary { BySeverity = bySeverity, WorstFindings = worst, Scope = AuditScope.Of(findings) };
    }
}

/// <summary>The findings of one severity, counted by how they count in the gate.</summary>
public sealed record SeverityOutcomes(Severity Severity, int Failed, int Waived, int Passed, int NotEvaluated, int Informational)
{
    /// <summary>All findings of this severity.</summary>
    public int Total => Failed + Waived + Passed + NotEvaluated + Informational;
}

/// <summary>
/// What was audited, derived from the findings' targets: distinct files read, objects within files or an API
/// (workloads, subjects, settings, stages), containers (a Kubernetes container within its workload, or a Docker
/// container), and hosts (daemon endpoints and machines).
/// </summary>
public sealed record AuditScope(int Files, int Objects, int Containers, int Hosts)
{
    public static AuditScope Of(IEnumerable<Finding> findings)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        var objects = new HashSet<string>(StringComparer.Ordinal);
        var containers = new HashSet<string>(StringComparer.Ordinal);
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in findings.Select(f => (f.Asset, f.Target)))
        {
            var t = target.Target;
            if (t.File is not null)
            {
                files.Add(t.File);
            }

            if (t.Host is not null)
            {
                hosts.Add(t.Host);
            }

            var hasObject = t.Name is not null && !string.Equals(t.Name, t.File, StringComparison.Ordinal) && !string.Equals(t.Name, t.Host, StringComparison.Ordinal);
            var objectKey = $"{t.File}|{t.Namespace}/{t.Kind}/{t.Name}";
            if (target.Asset == Asset.Container && hasObject)
            {
                // A Docker container is the object itself.
                containers.Add(objectKey);
            }
            else if (hasObject)
            {
                objects.Add(objectKey);
                if (t.Container is not null)
                {
                    containers.Add(objectKey + "[" + t.Container + "]");
                }
            }
        }

        return new AuditScope(files.Count, objects.Count, containers.Count, hosts.Count);
    }
}
