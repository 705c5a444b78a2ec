using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>
/// 2.3: the log level is info. <c>debug</c> (or <c>-D</c>) turns on debug logging whatever log-level says, which
/// docker-bench-security misses; so does a level given only as a flag, which it passes.
/// </summary>
internal sealed class LogLevelCheck : IDaemonCheck
{
    public string RuleId => "DD003";

    public IReadOnlyList<string> SettingKeys { get; } = ["log-level", "debug"];

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var level = context.Config["log-level"];
        var debug = context.Config["debug"];
        var value = level.Value?.Scalar?.ToLowerInvariant() ?? "info";
        if (debug.IsTrue)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Fail, context.Target(debug),
                $"{debug.Provenance}: debug mode logs at level debug whatever log-level says ({level.Provenance}); request bodies, with container environment variables, reach the logs.",
                new Evidence("debug: true", "debug: false, log-level: info", debug.SourceLabel),
                DaemonRemedy.For(debug, "false"));
            yield break;
        }

        var (status, explanation) = value switch
        {
            "info" => (FindingStatus.Pass, "daemon events are logged at the recommended level."),
            "debug" or "trace" => (FindingStatus.Fail, "request bodies, with container environment variables, reach the logs."),
            "warn" or "warning" or "error" or "fatal" or "panic" => (FindingStatus.Fail, "the daemon's record of its own activity (start-ups, failed API requests) is not logged."),
            _ => (FindingStatus.Fail, "dockerd does not know this level and refuses to start."),
        };
        yield return FindingFactory.Create(RuleId, status, context.Target(level),
            $"{level.Provenance}: {explanation}",
            new Evidence($"log-level: {value}", "log-level: info", level.SourceLabel),
            status == FindingStatus.Fail ? DaemonRemedy.For(level, "\"info\"") : null);
    }
}
