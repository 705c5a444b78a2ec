namespace ContainerSecurity.Engine.Kubernetes.Workloads;

/// <summary>
/// The kinds whose objects run pods, and where each keeps its pod spec. Objects of other kinds, and look-alike kinds
/// of other API groups (custom resources), are not workloads.
/// </summary>
public static class WorkloadKinds
{
    private static readonly Dictionary<string, (string[] Groups, string[] TemplatePath)> s_kinds = new(StringComparer.Ordinal)
    {
        ["Pod"] = ([""], []),
        ["PodTemplate"] = ([""], ["template"]),
        ["ReplicationController"] = ([""], ["spec", "template"]),
        ["Deployment"] = (["apps", "extensions"], ["spec", "template"]),
        ["StatefulSet"] = (["apps"], ["spec", "template"]),
        ["DaemonSet"] = (["apps", "extensions"], ["spec", "template"]),
        ["ReplicaSet"] = (["apps", "extensions"], ["spec", "template"]),
        ["Job"] = (["batch"], ["spec", "template"]),
        ["CronJob"] = (["batch"], ["spec", "jobTemplate", "spec", "template"]),
    };

    /// <summary>The kinds audited, in the order a live scan lists them.</summary>
    public static IReadOnlyCollection<string> All => s_kinds.Keys;

    /// <summary>
    /// The apiVersion a workload kind written in the core group belongs in (<c>Deployment</c> in <c>v1</c>: <c>apps/v1</c>),
    /// or <see langword="null"/>. A custom resource always has a group, so a core-group look-alike is a mistake that
    /// the API server refuses, not another kind.
    /// </summary>
    public static string? MisplacedInCoreGroup(string kind, string apiVersion) =>
        !apiVersion.Contains('/') && s_kinds.TryGetValue(kind, out var entry) && !entry.Groups.Contains(string.Empty)
            ? $"{entry.Groups[0]}/v1"
            : null;

    /// <summary>
    /// The path, from the object root, of the pod template (an object with <c>metadata</c> and <c>spec</c>); empty for
    /// a Pod, whose own metadata and spec are the pod's. <see langword="null"/> when the object is not a workload.
    /// </summary>
    public static string[]? TemplatePath(string kind, string apiVersion)
    {
        if (!s_kinds.TryGetValue(kind, out var entry))
        {
            return null;
        }

        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        return entry.Groups.Contains(group) ? entry.TemplatePath : null;
    }
}
