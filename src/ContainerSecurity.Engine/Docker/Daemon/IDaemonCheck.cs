namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>One check of the daemon's configuration or files: one or more findings for its rule.</summary>
internal interface IDaemonCheck
{
    /// <summary>The catalog id of the rule the check evaluates.</summary>
    string RuleId { get; }

    IEnumerable<Finding> Evaluate(DaemonAuditContext context);
}
