using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Scanning;
using YamlDotNet.RepresentationModel;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>Targets and findings for kubeconfig entries, so every check points at the same kind of place.</summary>
internal static class KubeConfigFindings
{
    public const string UserKind = "User";
    public const string ClusterKind = "Cluster";

    /// <summary>The entry, narrowed to <paramref name="field"/> (and its line) when given.</summary>
    public static FindingTarget Target(KubeConfigFile file, KubeConfigEntry entry, string kind, string? field = null, YamlNode? node = null) => new()
    {
        File = file.DisplayPath,
        Line = node is null ? entry.Line : (int)node.Start.Line,
        Column = node is null ? entry.Column : (int)node.Start.Column,
        Kind = kind,
        Name = entry.Name,
        FieldPath = field is null ? entry.BodyPath : $"{entry.BodyPath}.{field}",
    };

    /// <summary>A file:line for evidence sources.</summary>
    public static string Where(FindingTarget target) => $"{target.File}:{target.Line}";

    public static FindingEvent Finding(string ruleId, FindingStatus status, FindingTarget target, string message, Evidence? evidence = null, Severity? severity = null, string? remediation = null) =>
        new(FindingFactory.Create(ruleId, status, target, message, evidence, remediation, severity));

    /// <summary>" (contexts a, b)" or "" — which contexts a user or cluster serves, for messages.</summary>
    public static string UsedBy(IEnumerable<string> contexts)
    {
        var names = contexts.ToList();
        return names.Count == 0 ? " (no context uses it)" : $" (context{(names.Count == 1 ? string.Empty : "s")} {string.Join(", ", names)})";
    }

    /// <summary>Whether a YAML scalar reads as true the way kubectl reads it.</summary>
    public static bool IsTrue(YamlNode? node) =>
        node is YamlScalarNode { Value: { } text } && text.Trim() is "true" or "True" or "TRUE" or "yes" or "Yes" or "on" or "On";

    /// <summary>A path relative to the kubeconfig's folder, as client-go resolves it.</summary>
    public static string Resolve(KubeConfigFile file, string path) =>
        Path.IsPathRooted(path) || file.Directory is null ? path : Path.GetFullPath(Path.Join(file.Directory, path));

    public static ProblemEvent Problem(string errorId, ProblemKind kind, FindingTarget target, Exception exception) =>
        new(new ScanProblem(errorId, kind, $"{target.File}:{target.Line}:{target.Column}", exception));
}
