using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Waivers;

/// <summary>The waiver annotations of one workload, looked up by rule and container.</summary>
public sealed class WaiverSet
{
    private static readonly WaiverSet s_none = new([]);
    private readonly List<(WaiverAnnotation Annotation, string Path)> _annotations;

    private WaiverSet(List<(WaiverAnnotation, string)> annotations) => _annotations = annotations;

    /// <summary>Every waiver annotation, with the field path of its value.</summary>
    public IReadOnlyList<(WaiverAnnotation Annotation, string Path)> Annotations => _annotations;

    /// <summary>Reads the waiver annotations of the object and of its pod template.</summary>
    public static WaiverSet Read(WorkloadView workload, DateTime today)
    {
        List<(WaiverAnnotation, string)>? found = null;
        Collect(workload.Object.Root["metadata"], "metadata", today, ref found);
        if (workload.TemplatePath.Length > 0)
        {
            Collect(workload.PodMetadata, workload.MetadataPath, today, ref found);
        }

        return found is null ? s_none : new WaiverSet(found);
    }

    /// <summary>The waiver for a rule: the container's own first, else the workload's; expired ones included.</summary>
    public Waiver? Find(string ruleId, string? container)
    {
        Waiver? workloadWide = null;
        foreach (var (annotation, _) in _annotations)
        {
            if (annotation.Waiver is null || !string.Equals(annotation.RuleId, ruleId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (annotation.Container is null)
            {
                workloadWide ??= annotation.Waiver;
            }
            else if (container is not null && string.Equals(annotation.Container, container, StringComparison.Ordinal))
            {
                return annotation.Waiver;
            }
        }

        return workloadWide;
    }

    private static void Collect(ManifestNode? metadata, string path, DateTime today, ref List<(WaiverAnnotation, string)>? found)
    {
        if (metadata?["annotations"] is not ManifestMapping annotations)
        {
            return;
        }

        foreach (var (name, value) in annotations.Entries)
        {
            if (WaiverAnnotation.Parse(name, value, today) is { } annotation)
            {
                (found ??= []).Add((annotation, $"{path}.annotations['{name}']"));
            }
        }
    }
}
