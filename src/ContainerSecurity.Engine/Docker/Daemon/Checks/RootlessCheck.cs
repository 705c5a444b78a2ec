using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>2.1: the daemon runs rootless (name=rootless in the live security options, or --rootless).</summary>
internal sealed class RootlessCheck : IDaemonCheck
{
    public string RuleId => "DD001";

    public IReadOnlyList<string> SettingKeys { get; } = ["rootless"];

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var rootless = context.Config["rootless"];
        var live = context.Config.Live;
        var isRootless = live?.Rootless ?? rootless.IsTrue;
        var source = live is null ? rootless.SourceLabel : "GET /info SecurityOptions";
        var observed = live is null ? $"rootless: {rootless.Value}" : $"SecurityOptions: {string.Join(", ", live.SecurityOptions)}";
        yield return isRootless
            ? FindingFactory.Create(RuleId, FindingStatus.Pass, context.Target(rootless),
                "The daemon runs rootless: a container escape yields an unprivileged account.",
                new Evidence(observed, "name=rootless", source))
            : FindingFactory.Create(RuleId, FindingStatus.Warn, context.Target(rootless),
                live is null
                    ? $"{rootless.Provenance}: the daemon runs as root, so a container escape is root on the host (CIS 2.1 asks for rootless mode where possible)."
                    : "The running daemon does not report name=rootless: it runs as root, so a container escape is root on the host (CIS 2.1 asks for rootless mode where possible).",
                new Evidence(observed, "name=rootless", source));
    }
}
