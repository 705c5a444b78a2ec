namespace ContainerSecurity;

/// <summary>
/// One threat of the catalog: what it is, how it is exploited, how to mitigate it, and where the same check lives in
/// benchmarks and peer tools. The catalog is built from <c>docs/rules/&lt;Id&gt;.md</c>, so a rule and its help page
/// cannot drift apart.
/// </summary>
public sealed class SecurityRule
{
    /// <summary>The stable id, for example <c>KP001</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A one-line statement of the threat.</summary>
    public required string Title { get; init; }

    /// <summary>Docker or Kubernetes.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The asset the threat applies to.</summary>
    public required Asset Asset { get; init; }

    /// <summary>The STRIDE categories of the threat (at least one).</summary>
    public required StrideCategory[] Stride { get; init; }

    /// <summary>How bad the threat is when present.</summary>
    public required Severity Severity { get; init; }

    /// <summary>Whether a cmdlet checks the rule or a person must.</summary>
    public required CheckMode Mode { get; init; }

    /// <summary>What the threat is.</summary>
    public required string Description { get; init; }

    /// <summary>How an attacker exploits it.</summary>
    public required string Exploitation { get; init; }

    /// <summary>How to mitigate it, in prose.</summary>
    public required string Remediation { get; init; }

    /// <summary>Ready-to-paste fixes.</summary>
    public required RemediationSnippet[] Snippets { get; init; }

    /// <summary>Cross-references: CIS, Pod Security Standards, MITRE ATT&amp;CK, Microsoft Threat Matrix, peer tools.</summary>
    public required RuleReference[] References { get; init; }

    /// <summary>The ids of the same check in the CIS benchmarks, for filtering (<c>Where-Object Cis -contains '2.3'</c>).</summary>
    public string[] Cis => References.Where(r => r.Source.StartsWith("CIS", StringComparison.Ordinal)).Select(r => r.Id).ToArray();

    /// <inheritdoc/>
    public override string ToString() => $"{Id}: {Title}";
}
