using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.ControlPlane;

/// <summary>Targets and findings for component flags and kubelet configuration fields.</summary>
internal static class ControlPlaneFindings
{
    public static FindingTarget Target(ManifestObject source, string? container, string? fieldPath, ManifestNode? node) => new()
    {
        File = source.IsLive ? null : source.File,
        Line = source.IsLive ? null : node?.Line ?? source.Line,
        Column = source.IsLive ? null : node?.Column,
        Namespace = source.Namespace,
        Kind = source.Kind,
        Name = source.Name,
        Container = container,
        FieldPath = fieldPath,
    };

    public static FindingEvent Finding(string ruleId, bool failed, FindingTarget target, string failMessage, string passMessage, string observed, string expected, Severity? severity = null) =>
        new(FindingFactory.Create(ruleId, failed ? FindingStatus.Fail : FindingStatus.Pass, target, failed ? failMessage : passMessage,
            new Evidence(observed, expected, target.File is null ? target.ToString() : $"{target.File}:{target.Line}"), null, failed ? severity : null));
}
