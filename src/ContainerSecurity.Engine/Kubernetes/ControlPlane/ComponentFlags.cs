using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.ControlPlane;

/// <summary>
/// The command-line flags of a control-plane container (a static pod's kube-apiserver, etcd, kube-controller-manager
/// or kube-scheduler), read from <c>command</c> and <c>args</c> as the component's flag parser does: <c>--name=value</c>,
/// <c>--name value</c>, or a bare <c>--name</c> for true; the last occurrence wins.
/// </summary>
internal sealed class ComponentFlags
{
    private readonly Dictionary<string, (string Value, ManifestNode Node, string Path)> _flags = new(StringComparer.Ordinal);

    private ComponentFlags(string component, WorkloadView workload, ContainerView container)
    {
        Component = component;
        Workload = workload;
        Container = container;
    }

    /// <summary>kube-apiserver, etcd, kube-controller-manager, kube-scheduler or kubernetes-dashboard.</summary>
    public string Component { get; }

    public WorkloadView Workload { get; }

    public ContainerView Container { get; }

    public static readonly string[] Components = ["kube-apiserver", "etcd", "kube-controller-manager", "kube-scheduler", "kubernetes-dashboard"];

    /// <summary>The control-plane components among a workload's containers.</summary>
    public static IEnumerable<ComponentFlags> Read(WorkloadView workload)
    {
        foreach (var container in workload.Containers)
        {
            var tokens = new List<(string Text, ManifestNode Node, string Path)>();
            foreach (var key in new[] { "command", "args" })
            {
                if (container.Node[key] is ManifestSequence sequence)
                {
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        if (sequence.Items[i].Text is { } text)
                        {
                            tokens.Add((text, sequence.Items[i], $"{container.Path}.{key}[{i}]"));
                        }
                    }
                }
            }

            var component = Identify(container, tokens.Count > 0 ? tokens[0].Text : null);
            if (component is null)
            {
                continue;
            }

            var flags = new ComponentFlags(component, workload, container);
            for (var i = 0; i < tokens.Count; i++)
            {
                var (text, node, path) = tokens[i];
                if (!text.StartsWith("--", StringComparison.Ordinal))
                {
                    continue;
                }

                var equals = text.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    flags._flags[text[2..equals]] = (text[(equals + 1)..], node, path);
                }
                else if (i + 1 < tokens.Count && !tokens[i + 1].Text.StartsWith("--", StringComparison.Ordinal))
                {
                    flags._flags[text[2..]] = (tokens[i + 1].Text, node, path);
                    i++;
                }
                else
                {
                    flags._flags[text[2..]] = ("true", node, path);
                }
            }

            yield return flags;
        }
    }

    public bool TryGet(string flag, out string value, out ManifestNode? node, out string? path)
    {
        if (_flags.TryGetValue(flag, out var entry))
        {
            (value, node, path) = entry;
            return true;
        }

        (value, node, path) = (string.Empty, null, null);
        return false;
    }

    public string? Value(string flag) => _flags.TryGetValue(flag, out var entry) ? entry.Value : null;

    public bool Has(string flag) => _flags.ContainsKey(flag);

    /// <summary>Whether a boolean flag is true, with <paramref name="defaultValue"/> when absent.</summary>
    public bool IsTrue(string flag, bool defaultValue) =>
        _flags.TryGetValue(flag, out var entry) ? PlainScalars.TryParseBoolean(entry.Value, out var value) ? value : entry.Value == "1" : defaultValue;

    private static string? Identify(ContainerView container, string? firstToken)
    {
        foreach (var candidate in new[] { firstToken, container.Name, ImageName(container.Node["image"]?.Text) })
        {
            if (candidate is null)
            {
                continue;
            }

            var name = candidate[(candidate.LastIndexOf('/') + 1)..];
            var match = Components.FirstOrDefault(c => name == c || (c == "kubernetes-dashboard" && name is "dashboard"));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private static string? ImageName(string? image)
    {
        if (image is null)
        {
            return null;
        }

        var withoutDigest = image.Split('@')[0];
        var slash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        return colon > slash ? withoutDigest[..colon] : withoutDigest;
    }
}
