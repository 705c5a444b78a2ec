using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Workloads;

/// <summary>
/// The normalized view of a pod spec, wherever the object keeps it: a Pod's own spec, the template of a Deployment,
/// StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job or PodTemplate, or a CronJob's job template. Every
/// value comes with its field path, and typed reads report wrong field types (<c>privileged: "yes"</c>) once.
/// </summary>
public sealed class WorkloadView
{
    private static readonly ManifestMapping s_empty = new([], 0, 0);
    private readonly HashSet<string> _reportedPaths = new(StringComparer.Ordinal);
    private readonly List<ScanProblem> _problems = [];

    private WorkloadView(ManifestObject source, ManifestMapping template, string templatePath)
    {
        Object = source;
        TemplatePath = templatePath;
        var prefix = templatePath.Length == 0 ? string.Empty : templatePath + ".";
        SpecPath = prefix + "spec";
        MetadataPath = prefix + "metadata";
        if (templatePath.Length > 0)
        {
            Mapping(source.Root, "metadata", string.Empty);
        }

        IsUnreadable = template["spec"] is not (null or ManifestMapping or ManifestScalar { IsNull: true });
        var spec = Mapping(template, "spec", templatePath);
        Spec = spec ?? s_empty;
        PodMetadata = Mapping(template, "metadata", templatePath);
        PodSecurityContext = Mapping(Spec, "securityContext", SpecPath);
        foreach (var profile in s_securityProfiles)
        {
            Mapping(PodSecurityContext, profile, PodSecurityContextPath);
        }

        Containers = ReadContainers();
    }

    // The securityContext fields that hold a mapping the checks read into.
    private static readonly string[] s_securityProfiles = ["seccompProfile", "appArmorProfile", "seLinuxOptions", "capabilities"];

    /// <summary>
    /// Whether the pod spec (or a mapping on the way to it) has the wrong type, so nothing of the pod can be judged:
    /// the object gets only its errors, no findings.
    /// </summary>
    public bool IsUnreadable { get; private set; }

    /// <summary>The object the pod spec belongs to.</summary>
    public ManifestObject Object { get; }

    /// <summary>The path of the pod template (empty for a Pod).</summary>
    public string TemplatePath { get; }

    /// <summary>The path of the pod spec, for example <c>spec.template.spec</c>.</summary>
    public string SpecPath { get; }

    /// <summary>The path of the pod's metadata, for example <c>spec.template.metadata</c>.</summary>
    public string MetadataPath { get; }

    /// <summary>The pod spec (empty when the object has none).</summary>
    public ManifestMapping Spec { get; }

    /// <summary>The pod's metadata (the template's metadata for workloads).</summary>
    public ManifestMapping? PodMetadata { get; }

    /// <summary>spec.securityContext, when set.</summary>
    public ManifestMapping? PodSecurityContext { get; }

    /// <summary>The path of spec.securityContext.</summary>
    public string PodSecurityContextPath => SpecPath + ".securityContext";

    /// <summary>containers, initContainers and ephemeralContainers, in that order.</summary>
    public IReadOnlyList<ContainerView> Containers { get; }

    /// <summary>Whether spec.os.name is windows (some Linux-only controls do not apply).</summary>
    public bool IsWindows => string.Equals(Spec["os"]?["name"]?.Text, "windows", StringComparison.OrdinalIgnoreCase);

    /// <summary>Wrong field types met while reading; each reported once.</summary>
    public IReadOnlyList<ScanProblem> Problems => _problems;

    /// <summary>The view of <paramref name="source"/>'s pod spec, or <see langword="null"/> when it runs no pods.</summary>
    public static WorkloadView? From(ManifestObject source)
    {
        var path = WorkloadKinds.TemplatePath(source.Kind, source.ApiVersion);
        if (path is null)
        {
            return null;
        }

        // A template that is not a mapping (spec: [1, 2]) is an error about the object, never an empty, clean pod.
        ManifestNode? template = source.Root;
        (ManifestNode Node, string Path)? wrong = null;
        for (var i = 0; i < path.Length && template is not null; i++)
        {
            var next = template[path[i]];
            if (next is not null and not ManifestMapping and not ManifestScalar { IsNull: true })
            {
                wrong = (next, string.Join('.', path[..(i + 1)]));
                next = null;
            }

            template = next;
        }

        var view = new WorkloadView(source, template as ManifestMapping ?? s_empty, string.Join('.', path));
        if (wrong is { } field)
        {
            view.IsUnreadable = true;
            view.WrongType(field.Node, field.Path, "a mapping");
        }

        return view;
    }

    /// <summary>Reads a mapping field; a wrong type is reported and read as unset.</summary>
    public ManifestMapping? Mapping(ManifestNode? parent, string key, string parentPath)
    {
        var node = parent?[key];
        switch (node)
        {
            case null or ManifestScalar { IsNull: true }:
                return null;
            case ManifestMapping mapping:
                return mapping;
            default:
                WrongType(node, parentPath.Length == 0 ? key : parentPath + "." + key, "a mapping");
                return null;
        }
    }

    /// <summary>Reads a boolean field; a wrong type is reported and read as unset.</summary>
    public bool? Bool(ManifestNode? parent, string key, string parentPath)
    {
        var node = parent?[key];
        if (node is null or ManifestScalar { IsNull: true })
        {
            return null;
        }

        if (node is ManifestScalar { IsQuoted: false } scalar && PlainScalars.TryParseBoolean(scalar.Value, out var value))
        {
            return value;
        }

        WrongType(node, parentPath + "." + key, "a boolean");
        return null;
    }

    /// <summary>Reads an integer field; a wrong type is reported and read as unset.</summary>
    public long? Integer(ManifestNode? parent, string key, string parentPath)
    {
        var node = parent?[key];
        if (node is null or ManifestScalar { IsNull: true })
        {
            return null;
        }

        if (node is ManifestScalar { IsQuoted: false } scalar && PlainScalars.TryParseInteger(scalar.Value, out var value))
        {
            return value;
        }

        WrongType(node, parentPath + "." + key, "an integer");
        return null;
    }

    /// <summary>Reads a string field (numbers and booleans are strings to Kubernetes only when quoted, but are accepted).</summary>
    public string? String(ManifestNode? parent, string key, string parentPath)
    {
        var node = parent?[key];
        if (node is null or ManifestScalar { IsNull: true })
        {
            return null;
        }

        if (node is ManifestScalar scalar)
        {
            return scalar.Value;
        }

        WrongType(node, parentPath + "." + key, "a string");
        return null;
    }

    /// <summary>Reads a list field; a non-list is reported and read as empty.</summary>
    public IReadOnlyList<ManifestNode> List(ManifestNode? parent, string key, string parentPath)
    {
        var node = parent?[key];
        switch (node)
        {
            case null or ManifestScalar { IsNull: true }:
                return [];
            case ManifestSequence sequence:
                return sequence.Items;
            default:
                WrongType(node, parentPath + "." + key, "a list");
                return [];
        }
    }

    /// <summary>Reads a list of strings (capabilities, for example).</summary>
    public IReadOnlyList<string> Strings(ManifestNode? parent, string key, string parentPath)
    {
        var items = List(parent, key, parentPath);
        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is ManifestScalar { IsNull: false } scalar)
            {
                result.Add(scalar.Value);
            }
            else
            {
                WrongType(items[i], $"{parentPath}.{key}[{i}]", "a string");
            }
        }

        return result;
    }

    /// <summary>A 1-based position for a finding: the node's, else its nearest present parent's.</summary>
    public (int? Line, int? Column) Position(params ManifestNode?[] candidates)
    {
        if (Object.IsLive)
        {
            return (null, null);
        }

        foreach (var node in candidates)
        {
            if (node is { Line: > 0 })
            {
                return (node.Line, node.Column);
            }
        }

        return (Object.Root.Line, Object.Root.Column);
    }

    private void WrongType(ManifestNode node, string path, string expected)
    {
        if (!_reportedPaths.Add(path))
        {
            return;
        }

        var label = Object.File ?? Object.ToString();
        var exception = new ManifestFormatException(label, node.Line, node.Column,
            $"{Object.Kind} {Object.Name ?? "(unnamed)"}: {path} must be {expected}, not a {node.TypeName}; Kubernetes rejects the object. "
            + (IsUnreadable ? "Its pod spec cannot be read, so it was not audited." : "The field is audited as unset."));
        _problems.Add(new ScanProblem("InvalidFieldType", ProblemKind.InvalidData,
            node.Line > 0 ? $"{label}:{node.Line}:{node.Column}" : $"{label} {path}", exception));
    }

    private List<ContainerView> ReadContainers()
    {
        var result = new List<ContainerView>();
        foreach (var (key, kind) in new[] { ("containers", ContainerKind.Container), ("initContainers", ContainerKind.InitContainer), ("ephemeralContainers", ContainerKind.EphemeralContainer) })
        {
            var items = List(Spec, key, SpecPath);
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"{SpecPath}.{key}[{i}]";
                if (items[i] is not ManifestMapping node)
                {
                    WrongType(items[i], path, "a container mapping");
                    continue;
                }

                var securityContext = Mapping(node, "securityContext", path);
                foreach (var profile in s_securityProfiles)
                {
                    Mapping(securityContext, profile, path + ".securityContext");
                }

                result.Add(new ContainerView(node, node["name"]?.Text ?? "#" + i, path, kind));
            }
        }

        return result;
    }
}
