namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>One DC rule: its catalog id and the check that reads a container.</summary>
internal sealed class ContainerRule
{
    private readonly Func<ContainerSubject, ContainerRule, IEnumerable<CheckResult>> _check;

    public ContainerRule(string ruleId, Func<ContainerSubject, ContainerRule, IEnumerable<CheckResult>> check)
    {
        RuleId = ruleId;
        _check = check;
    }

    public string RuleId { get; }

    public IEnumerable<CheckResult> Evaluate(ContainerSubject subject) => _check(subject, this);

    public CheckResult Pass(string message, string observed, string expected, string fieldPath) =>
        new(RuleId, FindingStatus.Pass, message, observed, expected, fieldPath);

    public CheckResult Fail(string message, string observed, string expected, string fieldPath, Severity? severity = null) =>
        new(RuleId, FindingStatus.Fail, message, observed, expected, fieldPath, Severity: severity);

    public CheckResult Warn(string message, string observed, string expected, string fieldPath, Severity? severity = null) =>
        new(RuleId, FindingStatus.Warn, message, observed, expected, fieldPath, Severity: severity);

    public CheckResult NotApplicable(string message, string observed, string fieldPath) =>
        new(RuleId, FindingStatus.NotApplicable, message, observed, "-", fieldPath);
}
