namespace ContainerSecurity;

/// <summary>The result of evaluating one rule against one target: the record every audit cmdlet emits.</summary>
public sealed class Finding
{
    /// <summary>The id of the rule that was evaluated.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule's title.</summary>
    public required string Title { get; init; }

    /// <summary>Pass, Fail, Warn, Info, Manual, NotApplicable or Error.</summary>
    public required FindingStatus Status { get; init; }

    /// <summary>The rule's severity (or a more specific one the check decided, such as Critical for TCP without TLS).</summary>
    public required Severity Severity { get; init; }

    /// <summary>The rule's STRIDE categories.</summary>
    public required StrideCategory[] Stride { get; init; }

    /// <summary>Docker or Kubernetes.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The kind of asset the target is.</summary>
    public required Asset Asset { get; init; }

    /// <summary>What the finding is about.</summary>
    public required FindingTarget Target { get; init; }

    /// <summary>A sentence that says what is wrong (or right) with the target.</summary>
    public required string Message { get; init; }

    /// <summary>What was seen, expected, and where it came from; never a secret value.</summary>
    public Evidence? Evidence { get; init; }

    /// <summary>How to fix it, specific to the target where the check can say.</summary>
    public required string Remediation { get; init; }

    /// <summary>The rule's cross-references.</summary>
    public required RuleReference[] References { get; init; }

    /// <summary>The waiver that matched this finding, expired or not.</summary>
    public Waiver? Waiver { get; init; }

    /// <summary>Whether an unexpired waiver accepts this finding.</summary>
    public bool IsWaived => Waiver is { IsExpired: false };

    /// <summary>The ids of the rule in the CIS benchmarks, for filtering.</summary>
    public string[] Cis => References.Where(r => r.Source.StartsWith("CIS", StringComparison.Ordinal)).Select(r => r.Id).ToArray();

    /// <inheritdoc/>
    public override string ToString() => $"[{Status}] {RuleId} {Target}: {Message}";
}
