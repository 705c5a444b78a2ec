using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Waivers;

namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>
/// Waivers on objects that are not workloads (bindings, roles, namespaces, kubelet files, static pods), declared with
/// the same <c>waiver.containersecurity.io/&lt;RuleId&gt;</c> annotations Get-PodThreat reads, and attached to findings.
/// </summary>
internal static class ObjectWaivers
{
    /// <summary>The waiver <paramref name="source"/> declares for <paramref name="ruleId"/> (a container's own first); expired ones included.</summary>
    public static Waiver? Find(ManifestObject? source, string ruleId, string? container = null)
    {
        if (source?.Root["metadata"]?["annotations"] is not ManifestMapping annotations)
        {
            return null;
        }

        Waiver? objectWide = null;
        foreach (var (name, value) in annotations.Entries)
        {
            if (WaiverAnnotation.Parse(name, value, DateTime.UtcNow.Date) is not { Waiver: { } waiver } annotation
                || !string.Equals(annotation.RuleId, ruleId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (annotation.Container is null)
            {
                objectWide ??= waiver;
            }
            else if (container is not null && annotation.Container == container)
            {
                return waiver;
            }
        }

        return objectWide;
    }

    /// <summary>The finding with the waiver its object declares, if any.</summary>
    public static Finding Apply(Finding finding, ManifestObject? source)
    {
        var waiver = Find(source, finding.RuleId, finding.Target.Container);
        return waiver is null ? finding : With(finding, waiver);
    }

    /// <summary>A copy of <paramref name="finding"/> carrying <paramref name="waiver"/>.</summary>
    public static Finding With(Finding finding, Waiver waiver) => new()
    {
        RuleId = finding.RuleId,
        Title = finding.Title,
        Status = finding.Status,
        Severity = finding.Severity,
        Stride = finding.Stride,
        Platform = finding.Platform,
        Asset = finding.Asset,
        Target = finding.Target,
        Message = finding.Message,
        Evidence = finding.Evidence,
        Remediation = finding.Remediation,
        References = finding.References,
        Waiver = waiver,
    };
}
