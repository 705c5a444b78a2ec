namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// The threat-model cheat sheet, ready to be written in any format: the catalog's threats (filtered), the assets
/// that were audited, and what the findings say about each threat.
/// </summary>
public sealed class CheatSheet
{
    public required string Title { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Whether findings were given; without them the sheet is the catalog only.</summary>
    public required bool HasFindings { get; init; }

    /// <summary>The number of findings that belong to the sheet's threats.</summary>
    public required int FindingCount { get; init; }

    /// <summary>The platforms on the sheet, in enum order.</summary>
    public required IReadOnlyList<Platform> Platforms { get; init; }

    /// <summary>The asset kinds on the sheet, with the targets audited for each.</summary>
    public required IReadOnlyList<AuditedAsset> Assets { get; init; }

    /// <summary>The threats, ordered by platform, STRIDE category, severity (worst first) and id.</summary>
    public required IReadOnlyList<ThreatEntry> Threats { get; init; }

    /// <summary>The STRIDE × asset matrix of the threats and their worst open findings.</summary>
    public required StrideAssetMatrix Matrix { get; init; }

    /// <summary>Totals over all threats.</summary>
    public required ThreatResult Totals { get; init; }

    /// <summary>The first screen: counts by severity and outcome, the worst open findings, what was audited.</summary>
    public CheatSheetSummary Summary { get; init; } = CheatSheetSummary.Empty;

    /// <summary>The threats of one platform, grouped by the STRIDE category they are filed under, in enum order.</summary>
    public IEnumerable<IGrouping<StrideCategory, ThreatEntry>> ByStride(Platform platform) =>
        Threats.Where(t => t.Rule.Platform == platform).GroupBy(t => t.Category).OrderBy(g => g.Key);
}

/// <summary>One threat of the sheet: the catalog rule and what the findings say about it.</summary>
public sealed class ThreatEntry
{
    public required SecurityRule Rule { get; init; }

    /// <summary>The STRIDE category the threat is filed under (its first one that the sheet shows).</summary>
    public required StrideCategory Category { get; init; }

    public required ThreatResult Result { get; init; }

    /// <summary>The rule's other STRIDE categories.</summary>
    public IEnumerable<StrideCategory> OtherCategories => Rule.Stride.Where(s => s != Category);
}

/// <summary>An asset kind of the sheet and the distinct targets of that kind the findings were about.</summary>
public sealed class AuditedAsset
{
    public required Asset Asset { get; init; }

    public required Platform Platform { get; init; }

    /// <summary>How many of the sheet's threats apply to this kind of asset.</summary>
    public required int ThreatCount { get; init; }

    /// <summary>The audited objects of this kind (workloads, files, hosts), sorted.</summary>
    public required IReadOnlyList<string> Targets { get; init; }
}

/// <summary>Passed, failed and waived counts for a threat (or all of them), and the worst affected targets.</summary>
public sealed class ThreatResult
{
    public int Passed { get; init; }

    public int Failed { get; init; }

    public int Waived { get; init; }

    public int NotEvaluated { get; init; }

    public int Informational { get; init; }

    /// <summary>The worst severity among the open (failed, unwaived) findings; <see langword="null"/> when none is open.</summary>
    public Severity? WorstSeverity { get; init; }

    /// <summary>The open findings' targets, worst first.</summary>
    public IReadOnlyList<AffectedTarget> WorstTargets { get; init; } = [];

    /// <summary>Whether any finding was about this threat.</summary>
    public bool Audited => Passed + Failed + Waived + NotEvaluated + Informational > 0;

    /// <summary>All findings counted.</summary>
    public int Total => Passed + Failed + Waived + NotEvaluated + Informational;
}

/// <summary>A target an open finding is about.</summary>
public sealed record AffectedTarget(string Target, Severity Severity, string Message);
