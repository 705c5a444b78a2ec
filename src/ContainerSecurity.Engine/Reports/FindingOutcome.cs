namespace ContainerSecurity.Engine.Reports;

/// <summary>How a finding counts in the reports and the gate.</summary>
public enum FindingOutcome
{
    /// <summary>The target meets the rule.</summary>
    Passed,
    /// <summary>The target violates the rule (Fail, or a Warn whose evidence is not conclusive) and no waiver accepts it.</summary>
    Failed,
    /// <summary>The target violates the rule but an unexpired waiver accepts the risk.</summary>
    Waived,
    /// <summary>The rule could not be evaluated for the target.</summary>
    NotEvaluated,
    /// <summary>Information, a manual check, or a rule that does not apply.</summary>
    Informational,
}

/// <summary>The classification shared by the cheat sheet, the CI formats and the gate, so they never disagree.</summary>
public static class FindingOutcomes
{
    /// <summary>Classifies one finding.</summary>
    public static FindingOutcome Of(Finding finding) => finding.Status switch
    {
        FindingStatus.Pass => FindingOutcome.Passed,
        FindingStatus.Fail or FindingStatus.Warn => finding.IsWaived ? FindingOutcome.Waived : FindingOutcome.Failed,
        FindingStatus.Error => FindingOutcome.NotEvaluated,
        _ => FindingOutcome.Informational,
    };

    /// <summary>Whether the finding is an open problem: failed and not waived.</summary>
    public static bool IsOpen(Finding finding) => Of(finding) == FindingOutcome.Failed;
}
