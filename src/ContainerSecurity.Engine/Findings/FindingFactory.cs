using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Engine.Findings;

/// <summary>Builds findings from catalog rules, so every finding carries its rule's STRIDE, severity and references.</summary>
public static class FindingFactory
{
    /// <summary>Creates a finding for <paramref name="ruleId"/> in the default catalog.</summary>
    /// <param name="ruleId">The catalog id of the rule.</param>
    /// <param name="status">The outcome.</param>
    /// <param name="target">What the finding is about.</param>
    /// <param name="message">What is wrong or right, in one sentence.</param>
    /// <param name="evidence">What was seen and expected; credentials in it are masked here (<see cref="SecretDetector.MaskText"/>).</param>
    /// <param name="remediation">A fix specific to the target; the rule's remediation when omitted.</param>
    /// <param name="severity">A more specific severity than the rule's, when the check knows better.</param>
    /// <param name="waiver">The waiver that matched, if any.</param>
    public static Finding Create(
        string ruleId,
        FindingStatus status,
        FindingTarget target,
        string message,
        Evidence? evidence = null,
        string? remediation = null,
        Severity? severity = null,
        Waiver? waiver = null) =>
        Create(RuleCatalog.Default[ruleId], status, target, message, evidence, remediation, severity, waiver);

    /// <summary>Creates a finding for <paramref name="rule"/>.</summary>
    public static Finding Create(
        SecurityRule rule,
        FindingStatus status,
        FindingTarget target,
        string message,
        Evidence? evidence = null,
        string? remediation = null,
        Severity? severity = null,
        Waiver? waiver = null) => new()
        {
            RuleId = rule.Id,
            Title = rule.Title,
            Status = status,
            Severity = severity ?? rule.Severity,
            Stride = rule.Stride,
            Platform = rule.Platform,
            Asset = rule.Asset,

            // Every finding is made here, so every text it carries is masked here, once: whatever a check quotes
            // (a URL, a command line, a health check) cannot reach a format, a report or a gate with a secret in it.
            Target = Masked(target),
            Message = SecretDetector.MaskText(message),
            Evidence = evidence is null ? null : new Evidence(SecretDetector.MaskText(evidence.Observed), SecretDetector.MaskText(evidence.Expected), SecretDetector.MaskText(evidence.Source)),
            Remediation = remediation is null ? rule.Remediation : SecretDetector.MaskText(remediation),
            References = rule.References,
            Waiver = waiver,
        };

    private static FindingTarget Masked(FindingTarget target) => new()
    {
        Host = target.Host is null ? null : SecretDetector.MaskText(target.Host),
        File = target.File,
        Line = target.Line,
        Column = target.Column,
        Namespace = target.Namespace,
        Kind = target.Kind,
        Name = target.Name is null ? null : SecretDetector.MaskText(target.Name),
        Container = target.Container,
        FieldPath = target.FieldPath,
    };
}
