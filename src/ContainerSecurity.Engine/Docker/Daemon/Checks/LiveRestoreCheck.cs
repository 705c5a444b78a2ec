using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>2.15: live restore is enabled; not applicable in swarm mode, where dockerd does not support it.</summary>
internal sealed class LiveRestoreCheck : IDaemonCheck
{
    public string RuleId => "DD015";

    public IReadOnlyList<string> SettingKeys { get; } = ["live-restore"];

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var setting = context.Config["live-restore"];
        var evidence = new Evidence($"live-restore: {setting.Value}", "live-restore: true", setting.SourceLabel);
        if (setting.IsTrue)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Pass, context.Target(setting),
                $"{setting.Provenance}: containers keep running while the daemon restarts.", evidence);
        }
        else if (context.Config.Live?.SwarmState == "active")
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.NotApplicable, context.Target(setting),
                $"{setting.Provenance}, but the node is in swarm mode, where live restore is not supported.",
                new Evidence("Swarm.LocalNodeState: active", "live-restore: true, or swarm mode", "GET /info"));
        }
        else
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Fail, context.Target(setting),
                $"{setting.Provenance}: stopping or upgrading the daemon stops every container.", evidence, DaemonRemedy.For(setting, "true"));
        }
    }
}
