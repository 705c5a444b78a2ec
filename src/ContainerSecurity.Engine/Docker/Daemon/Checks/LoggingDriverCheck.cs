using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>2.13: container logs leave the host (a logging driver other than json-file, local or none).</summary>
internal sealed class LoggingDriverCheck : IDaemonCheck
{
    public string RuleId => "DD013";

    public IReadOnlyList<string> SettingKeys { get; } = ["log-driver"];

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var driver = context.Config["log-driver"];
        var name = driver.Value?.Scalar ?? "json-file";
        var evidence = new Evidence($"log-driver: {name}", "log-driver: a remote driver (syslog, journald, fluentd, gelf, splunk, awslogs …)", driver.SourceLabel);
        var (status, explanation) = name switch
        {
            "json-file" or "local" => (FindingStatus.Fail, "container logs stay in files on the host and disappear with the container."),
            "none" => (FindingStatus.Fail, "container output is not logged at all."),
            _ => (FindingStatus.Pass, "container logs are handed to a logging system."),
        };
        yield return FindingFactory.Create(RuleId, status, context.Target(driver), $"{driver.Provenance}: {explanation}", evidence,
            status == FindingStatus.Fail ? DaemonRemedy.For(driver, "\"syslog\"") + "\nand point log-opts at your log collector (syslog-address)." : null);
    }
}
