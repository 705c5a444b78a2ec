namespace ContainerSecurity.Engine.Docker;

/// <summary>
/// What one Docker rule concluded about one subject, before it becomes a <see cref="Finding"/>: the scanner adds
/// the target (endpoint or file, container or image name) and the rule's catalog data.
/// </summary>
/// <param name="RuleId">The rule that concluded it.</param>
/// <param name="Status">Pass, Fail, Warn (needs a person's review), NotApplicable.</param>
/// <param name="Message">One sentence about this subject.</param>
/// <param name="Observed">What was seen; never a secret value.</param>
/// <param name="Expected">What the rule wants to see.</param>
/// <param name="FieldPath">Where it was seen: an inspect field path, or a Dockerfile instruction.</param>
/// <param name="Line">The Dockerfile line, when there is one.</param>
/// <param name="Severity">A more specific severity than the rule's, when the check knows better.</param>
public sealed record CheckResult(
    string RuleId,
    FindingStatus Status,
    string Message,
    string Observed,
    string Expected,
    string FieldPath,
    int? Line = null,
    Severity? Severity = null);
