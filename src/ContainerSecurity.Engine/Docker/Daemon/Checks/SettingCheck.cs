using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>
/// A check that judges one effective setting. Its finding says which layer decided the value
/// ("icc: not set → default true"), points at the file and line when the value is written in daemon.json, and on
/// failure gives the daemon.json fragment that fixes it (and the flag to remove, when a flag set it).
/// </summary>
internal sealed class SettingCheck(string ruleId, string key, string expected, string fixJson, Func<MergedSetting, SettingVerdict> judge, bool fixByRemoving = false)
    : IDaemonCheck
{
    public string RuleId => ruleId;

    public IReadOnlyList<string> SettingKeys { get; } = [key];

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var setting = context.Config[key];
        var verdict = judge(setting);
        var message = $"{setting.Provenance}: {verdict.Explanation}";

        yield return FindingFactory.Create(
            ruleId,
            verdict.Status,
            context.Target(setting),
            message,
            new Evidence($"{key}: {setting.Value?.ToString() ?? "(not set)"}", expected, setting.SourceLabel),
            verdict.Status is FindingStatus.Fail or FindingStatus.Warn ? DaemonRemedy.For(setting, fixJson, fixByRemoving) : null);
    }
}
