using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>2.17: containers get a seccomp profile by default (the live security options, else seccomp-profile).</summary>
internal sealed class SeccompCheck : IDaemonCheck
{
    public string RuleId => "DD017";

    public IReadOnlyList<string> SettingKeys { get; } = ["seccomp-profile"];

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var setting = context.Config["seccomp-profile"];
        var live = context.Config.Live;
        var profile = live is not null ? live.SeccompProfile : setting.Value?.Scalar ?? "default";
        var source = live is not null ? "GET /info SecurityOptions" : setting.SourceLabel;
        var described = live is not null
            ? $"The running daemon reports {(profile is null ? "no seccomp security option" : $"seccomp profile '{profile}'")}"
            : setting.IsSet ? setting.Provenance : "seccomp-profile: not set → Docker's built-in default profile";
        var evidence = new Evidence($"seccomp profile: {profile ?? "(none)"}", "seccomp: the default profile or a stricter custom one", source);
        if (profile is null || profile == "unconfined")
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Fail, context.Target(setting),
                $"{described}: containers may make every system call, including those used in kernel exploits.",
                evidence, DaemonRemedy.For(setting, "\"/etc/docker/seccomp/default-strict.json\"", removeInstead: true));
        }
        else
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Pass, context.Target(setting),
                $"{described}: containers get a seccomp filter unless they opt out; confirm whether a stricter custom profile fits the workloads.",
                evidence);
        }
    }
}
