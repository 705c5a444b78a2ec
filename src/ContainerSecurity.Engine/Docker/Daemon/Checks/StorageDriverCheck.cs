using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>2.6: the aufs storage driver is not used (the running daemon's Driver, else storage-driver).</summary>
internal sealed class StorageDriverCheck : IDaemonCheck
{
    public string RuleId => "DD006";

    public IReadOnlyList<string> SettingKeys { get; } = ["storage-driver"];

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var driver = context.Config["storage-driver"];
        var evidence = new Evidence($"storage-driver: {driver.Value?.ToString() ?? "(chosen at start)"}", "storage-driver: not aufs", driver.SourceLabel);
        if (driver.Value is null)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Info, context.Target(driver),
                "storage-driver: not set → dockerd chooses one at start (overlay2 on current kernels); audit the running daemon to see which.",
                evidence);
        }
        else if (string.Equals(driver.Value.Scalar, "aufs", StringComparison.OrdinalIgnoreCase))
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Fail, context.Target(driver),
                $"{driver.Provenance}: aufs is deprecated, out of tree, and removed from current engines.",
                evidence, DaemonRemedy.For(driver, "\"overlay2\""));
        }
        else
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Pass, context.Target(driver),
                $"{driver.Provenance}: not the aufs driver.", evidence);
        }
    }
}
