using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Engine.Reports;

/// <summary>Fills the catalog's threats with findings: counts per threat, audited assets and the STRIDE × asset matrix.</summary>
public static class CheatSheetBuilder
{
    /// <summary>How many open findings the summary lists: ten fit the first screen beside the counts and the matrix.</summary>
    private const int SummaryWorstFindings = 10;

    /// <summary>Builds the sheet from <paramref name="catalog"/> and any findings (none gives the catalog-only sheet).</summary>
    /// <remarks>Findings whose rule is not on the sheet (filtered out, or not in the catalog) are not counted.</remarks>
    public static CheatSheet Build(RuleCatalog catalog, IEnumerable<Finding> findings, CheatSheetOptions options)
    {
        var platforms = NullIfEmpty(options.Platforms);
        var strideFilter = NullIfEmpty(options.Stride);
        var rules = catalog.Rules
            .Where(r => platforms is null || platforms.Contains(r.Platform))
            .Where(r => strideFilter is null || r.Stride.Any(strideFilter.Contains))
            .ToList();
        var ruleIds = rules.Select(r => r.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var allFindings = findings.ToList();
        var relevant = allFindings.Where(f => ruleIds.Contains(f.RuleId)).ToList();
        var byRule = relevant.ToLookup(f => f.RuleId, StringComparer.OrdinalIgnoreCase);

        var threats = rules
            .Select(rule => new ThreatEntry
            {
                Rule = rule,
                Category = rule.Stride.First(s => strideFilter is null || strideFilter.Contains(s)),
                Result = Summarize(byRule[rule.Id], options.WorstTargetCount),
            })
            .OrderBy(t => t.Rule.Platform)
            .ThenBy(t => t.Category)
            .ThenByDescending(t => t.Rule.Severity)
            .ThenBy(t => t.Rule.Id, StringComparer.Ordinal)
            .ToList();

        var strideRows = Enum.GetValues<StrideCategory>().Where(s => strideFilter is null || strideFilter.Contains(s)).ToList();
        return new CheatSheet
        {
            Title = string.IsNullOrWhiteSpace(options.Title) ? CheatSheetOptions.DefaultTitle : options.Title,
            GeneratedAt = options.GeneratedAt,
            HasFindings = allFindings.Count > 0,
            FindingCount = relevant.Count,
            Platforms = rules.Select(r => r.Platform).Distinct().Order().ToList(),
            Assets = Assets(rules, relevant),
            Threats = threats,
            Matrix = Matrix(rules, relevant, strideRows, strideFilter),
            Totals = Summarize(relevant, options.WorstTargetCount),
            Summary = CheatSheetSummary.From(relevant, SummaryWorstFindings),
        };
    }

    private static HashSet<T>? NullIfEmpty<T>(IReadOnlyCollection<T>? values) => values is null || values.Count == 0 ? null : [.. values];

    private static ThreatResult Summarize(IEnumerable<Finding> findings, int worstTargetCount)
    {
        var list = findings.ToList();
        var open = list.Where(FindingOutcomes.IsOpen).ToList();
        int Count(FindingOutcome outcome) => list.Count(f => FindingOutcomes.Of(f) == outcome);
        return new ThreatResult
        {
            Passed = Count(FindingOutcome.Passed),
            Failed = Count(FindingOutcome.Failed),
            Waived = Count(FindingOutcome.Waived),
            NotEvaluated = Count(FindingOutcome.NotEvaluated),
            Informational = Count(FindingOutcome.Informational),
            WorstSeverity = open.Count == 0 ? null : open.Max(f => f.Severity),
            // One line per target: a workload failing the same rule in three containers is listed per container.
            WorstTargets = open
                .GroupBy(f => f.Target.ToString(), StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(f => f.Severity).First())
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.Target.ToString(), StringComparer.Ordinal)
                .Take(worstTargetCount)
                .Select(f => new AffectedTarget(f.Target.ToString(), f.Severity, f.Message))
                .ToList(),
        };
    }

    private static List<AuditedAsset> Assets(List<SecurityRule> rules, List<Finding> findings) =>
        rules.GroupBy(r => r.Asset)
            .OrderBy(g => g.Key)
            .Select(g => new AuditedAsset
            {
                Asset = g.Key,
                Platform = g.First().Platform,
                ThreatCount = g.Count(),
                Targets = findings.Where(f => f.Asset == g.Key)
                    .Select(f => TargetLabel.Of(f.Asset, f.Target))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList(),
            })
            .ToList();

    private static StrideAssetMatrix Matrix(List<SecurityRule> rules, List<Finding> findings, List<StrideCategory> rows, HashSet<StrideCategory>? strideFilter)
    {
        var columns = rules.Select(r => r.Asset).Distinct().Order().ToList();
        var findingsByRule = findings.ToLookup(f => f.RuleId, StringComparer.OrdinalIgnoreCase);

        // A rule counts in every one of its STRIDE categories: the matrix shows exposure per category, not filing.
        var cells = from rule in rules
                    from stride in rule.Stride
                    where strideFilter is null || strideFilter.Contains(stride)
                    group rule by (stride, rule.Asset) into cell
                    let cellFindings = cell.SelectMany(r => findingsByRule[r.Id]).ToList()
                    let open = cellFindings.Where(FindingOutcomes.IsOpen).ToList()
                    select new MatrixCell(
                        cell.Key.stride,
                        cell.Key.Asset,
                        cell.Count(),
                        cellFindings.Count,
                        open.Count,
                        cellFindings.Count(f => FindingOutcomes.Of(f) == FindingOutcome.Waived),
                        open.Count == 0 ? null : open.Max(f => f.Severity));
        return new StrideAssetMatrix(rows, columns, cells);
    }
}
