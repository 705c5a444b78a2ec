namespace ContainerSecurity;

/// <summary>
/// What a finding is about: a host, a file position, or a live object (namespace/kind/name), optionally narrowed to a
/// container and to the path of the offending field.
/// </summary>
public sealed class FindingTarget
{
    /// <summary>The host (daemon endpoint or machine name) for host-level findings.</summary>
    public string? Host { get; init; }

    /// <summary>The file the subject was read from.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column in <see cref="File"/>, when known.</summary>
    public int? Column { get; init; }

    /// <summary>The Kubernetes namespace of a live or manifest object.</summary>
    public string? Namespace { get; init; }

    /// <summary>The kind of object: Deployment, Pod, Container, Image, Dockerfile, ClusterRoleBinding …</summary>
    public string? Kind { get; init; }

    /// <summary>The object's name.</summary>
    public string? Name { get; init; }

    /// <summary>The container within the object, when the finding is about one.</summary>
    public string? Container { get; init; }

    /// <summary>The path of the offending field, for example <c>spec.template.spec.containers[1].securityContext.privileged</c>.</summary>
    public string? FieldPath { get; init; }

    /// <summary>A short display form: <c>file:line</c>, <c>namespace/Kind/name[container]</c> or the host.</summary>
    public override string ToString()
    {
        var parts = new List<string>(2);
        if (File is not null)
        {
            parts.Add(Line is null ? File : $"{File}:{Line}");
        }

        if (Name is not null)
        {
            var scope = Namespace is null ? string.Empty : Namespace + "/";
            var kind = Kind is null ? string.Empty : Kind + "/";
            parts.Add($"{scope}{kind}{Name}");
        }
        else if (Host is not null)
        {
            parts.Add(Host);
        }

        var text = parts.Count == 0 ? "(unknown)" : string.Join(" ", parts);
        return Container is null ? text : $"{text}[{Container}]";
    }
}
