namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>One check of the daemon's configuration or files: one or more findings for its rule.</summary>
internal interface IDaemonCheck
{
    /// <summary>The catalog id of the rule the check evaluates.</summary>
    string RuleId { get; }

    /// <summary>
    /// The daemon options (daemon.json keys, dockerd flags) the verdict depends on. When the running daemon cannot be
    /// asked, its flags are unknown, so a verdict that rests on an option not written in the configuration file is not
    /// settled. Empty for checks decided from the host's files alone.
    /// </summary>
    IReadOnlyList<string> SettingKeys { get; }

    IEnumerable<Finding> Evaluate(DaemonAuditContext context);
}
