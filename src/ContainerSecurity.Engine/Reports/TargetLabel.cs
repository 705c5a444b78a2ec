namespace ContainerSecurity.Engine.Reports;

/// <summary>Names the object a finding is about, without the position inside it.</summary>
public static class TargetLabel
{
    /// <summary>
    /// The audited object: <c>namespace/Kind/name</c> (with its file), the file, or the host. Lines, fields and
    /// containers are left out so that one workload is one asset however many findings it has.
    /// </summary>
    public static string Of(Asset asset, FindingTarget target)
    {
        // A daemon is known by its endpoint, whichever of its sources (daemon.json, flags) a finding came from.
        if (asset == Asset.Daemon && target.Host is not null)
        {
            return target.Host;
        }

        if (target.Name is not null && !string.Equals(target.Name, target.File, StringComparison.Ordinal))
        {
            var scope = target.Namespace is null ? string.Empty : target.Namespace + "/";
            var kind = target.Kind is null ? string.Empty : target.Kind + "/";
            var name = scope + kind + target.Name;
            return target.File is null ? name : $"{name} ({target.File})";
        }

        return target.File ?? target.Name ?? target.Host ?? target.ToString();
    }
}
