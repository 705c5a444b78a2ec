namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// One Kubernetes object read from a manifest or a cluster: its kind, identity, the node tree of its fields, and
/// where it came from (a file position, or a live namespace/kind/name).
/// </summary>
public sealed class ManifestObject
{
    /// <summary>Creates an object from its root mapping.</summary>
    public ManifestObject(ManifestMapping root, string? file, bool isLive = false)
    {
        Root = root;
        File = file;
        IsLive = isLive;
        Kind = root["kind"]?.Text ?? string.Empty;
        ApiVersion = root["apiVersion"]?.Text ?? string.Empty;
        var metadata = root["metadata"];
        Name = metadata?["name"]?.Text ?? metadata?["generateName"]?.Text;
        Namespace = metadata?["namespace"]?.Text;
    }

    /// <summary>The object's fields.</summary>
    public ManifestMapping Root { get; }

    /// <summary>The kind, for example <c>Deployment</c>.</summary>
    public string Kind { get; }

    /// <summary>The apiVersion, for example <c>apps/v1</c>.</summary>
    public string ApiVersion { get; }

    /// <summary>metadata.name (or generateName).</summary>
    public string? Name { get; }

    /// <summary>metadata.namespace, when the object names one.</summary>
    public string? Namespace { get; }

    /// <summary>The namespace the API server would put the object in: a manifest without one lands in <c>default</c>.</summary>
    public string EffectiveNamespace => Namespace ?? "default";

    /// <summary>The file (or input label) the object was read from; <see langword="null"/> for live objects.</summary>
    public string? File { get; }

    /// <summary>Whether the object came from a live cluster (positions are then meaningless).</summary>
    public bool IsLive { get; }

    /// <summary>The 1-based line where the object starts in <see cref="File"/>.</summary>
    public int Line => Root.Line;

    /// <summary>A display name: <c>file:line</c> or <c>namespace/Kind/name</c>.</summary>
    public override string ToString() =>
        IsLive || File is null ? $"{(Namespace is null ? string.Empty : Namespace + "/")}{Kind}/{Name}" : $"{File}:{Line}";
}
