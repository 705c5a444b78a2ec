using ContainerSecurity.Engine.Kubernetes.Sources;

namespace ContainerSecurity.Engine.Kubernetes.Workloads;

/// <summary>Which list of the pod spec a container is in.</summary>
public enum ContainerKind
{
    /// <summary><c>containers</c>.</summary>
    Container,
    /// <summary><c>initContainers</c>.</summary>
    InitContainer,
    /// <summary><c>ephemeralContainers</c> (debug containers: no ports, probes or resources).</summary>
    EphemeralContainer,
}

/// <summary>One container of a pod spec, with the field path of its node.</summary>
public sealed class ContainerView(ManifestMapping node, string name, string path, ContainerKind kind)
{
    /// <summary>The container's fields.</summary>
    public ManifestMapping Node { get; } = node;

    /// <summary>The container's name (or <c>#index</c> when it has none).</summary>
    public string Name { get; } = name;

    /// <summary>The container's field path, for example <c>spec.template.spec.containers[1]</c>.</summary>
    public string Path { get; } = path;

    /// <summary>Which list the container is in.</summary>
    public ContainerKind Kind { get; } = kind;

    /// <summary>The container's securityContext, when set.</summary>
    public ManifestMapping? SecurityContext => Node["securityContext"] as ManifestMapping;

    /// <summary>The path of the container's securityContext.</summary>
    public string SecurityContextPath => Path + ".securityContext";
}
