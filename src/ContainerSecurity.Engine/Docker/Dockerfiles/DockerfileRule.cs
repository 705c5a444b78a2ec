namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>One DI rule over a parsed Dockerfile: its catalog id and the check.</summary>
internal sealed class DockerfileRule
{
    private readonly Func<DockerfileDocument, DockerfileRule, IEnumerable<CheckResult>> _check;

    public DockerfileRule(string ruleId, Func<DockerfileDocument, DockerfileRule, IEnumerable<CheckResult>> check)
    {
        RuleId = ruleId;
        _check = check;
    }

    public string RuleId { get; }

    /// <summary>The rule's results; a rule that finds nothing to report passes at the final stage's FROM line.</summary>
    public IEnumerable<CheckResult> Evaluate(DockerfileDocument document)
    {
        var results = _check(document, this).ToList();
        if (results.Count == 0 && document.FinalStage is { } final)
        {
            var title = Catalog.RuleCatalog.Default[RuleId].Title;
            results.Add(Pass(final.From, $"Checked, not found: {title}.", "(none)", "none"));
        }

        return results;
    }

    public CheckResult Pass(DockerfileInstruction at, string message, string observed, string expected) =>
        new(RuleId, FindingStatus.Pass, message, observed, expected, Where(at), at.Line);

    public CheckResult Fail(DockerfileInstruction at, string message, string observed, string expected, Severity? severity = null) =>
        new(RuleId, FindingStatus.Fail, message, observed, expected, Where(at), at.Line, severity);

    public CheckResult Warn(DockerfileInstruction at, string message, string observed, string expected, Severity? severity = null) =>
        new(RuleId, FindingStatus.Warn, message, observed, expected, Where(at), at.Line, severity);

    public CheckResult Info(DockerfileInstruction at, string message, string observed, string expected) =>
        new(RuleId, FindingStatus.Info, message, observed, expected, Where(at), at.Line);

    private static string Where(DockerfileInstruction at) => at.Keyword;
}
