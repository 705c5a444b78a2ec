using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>
/// Turns Role, ClusterRole, RoleBinding and ClusterRoleBinding objects into the RBAC model. A field of the wrong type
/// makes the object unusable: it is reported with its position and left out, and the other objects are kept.
/// </summary>
internal static class RbacObjectReader
{
    public static bool IsRbacKind(string kind) => kind is "Role" or "ClusterRole" or "RoleBinding" or "ClusterRoleBinding";

    public static RbacRole ReadRole(ManifestObject source)
    {
        var rules = new List<RbacPolicyRule>();
        if (Sequence(source, source.Root["rules"], "rules") is { } items)
        {
            for (var i = 0; i < items.Items.Count; i++)
            {
                var item = items.Items[i];
                if (item is not ManifestMapping)
                {
                    throw Invalid(source, item, $"rules[{i}] must be a mapping, not a {item.TypeName}.");
                }

                rules.Add(new RbacPolicyRule(
                    Strings(source, item["apiGroups"], $"rules[{i}].apiGroups"),
                    Strings(source, item["resources"], $"rules[{i}].resources"),
                    Strings(source, item["verbs"], $"rules[{i}].verbs"),
                    Strings(source, item["resourceNames"], $"rules[{i}].resourceNames"),
                    Strings(source, item["nonResourceURLs"], $"rules[{i}].nonResourceURLs"),
                    $"rules[{i}]",
                    item.Line,
                    item.Column));
            }
        }

        var selectors = new List<IReadOnlyDictionary<string, string>>();
        if (Sequence(source, source.Root["aggregationRule"]?["clusterRoleSelectors"], "aggregationRule.clusterRoleSelectors") is { } selectorItems)
        {
            selectors.AddRange(selectorItems.Items.Select(s => Labels(s["matchLabels"])));
        }

        return new RbacRole(source.Kind, source.Name ?? string.Empty, source.Kind == "Role" ? source.EffectiveNamespace : null, rules,
            Labels(source.Root["metadata"]?["labels"]), selectors, source);
    }

    public static RbacBinding ReadBinding(ManifestObject source)
    {
        var roleRef = source.Root["roleRef"];
        var roleKind = roleRef?["kind"]?.Text;
        var roleName = roleRef?["name"]?.Text;
        if (roleKind is not ("Role" or "ClusterRole") || string.IsNullOrEmpty(roleName))
        {
            throw Invalid(source, roleRef ?? source.Root, "roleRef must name a kind (Role or ClusterRole) and a name.");
        }

        if (source.Kind == "ClusterRoleBinding" && roleKind == "Role")
        {
            throw Invalid(source, roleRef!, "a ClusterRoleBinding can only reference a ClusterRole.");
        }

        var bindingNamespace = source.Kind == "RoleBinding" ? source.EffectiveNamespace : null;
        var subjects = new List<RbacSubject>();
        if (Sequence(source, source.Root["subjects"], "subjects") is { } items)
        {
            for (var i = 0; i < items.Items.Count; i++)
            {
                var item = items.Items[i];
                var kind = item["kind"]?.Text;
                var name = item["name"]?.Text;
                if (kind is not ("User" or "Group" or "ServiceAccount") || string.IsNullOrEmpty(name))
                {
                    throw Invalid(source, item, $"subjects[{i}] must have a kind (User, Group or ServiceAccount) and a name.");
                }

                // A service account subject without a namespace is the binding's namespace (RoleBinding only).
                var subjectNamespace = kind == "ServiceAccount" ? item["namespace"]?.Text ?? bindingNamespace : null;
                if (kind == "ServiceAccount" && subjectNamespace is null)
                {
                    throw Invalid(source, item, $"subjects[{i}] is a ServiceAccount without a namespace, which a ClusterRoleBinding requires.");
                }

                subjects.Add(new RbacSubject(kind, name, subjectNamespace));
            }
        }

        var labels = Labels(source.Root["metadata"]?["labels"]);
        var bootstrap = labels.TryGetValue("kubernetes.io/bootstrapping", out var value) && value == "rbac-defaults";
        return new RbacBinding(source.Kind, source.Name ?? string.Empty, bindingNamespace, roleKind, roleName, subjects, bootstrap, source);
    }

    public static ScanProblem Problem(ManifestObject source, ManifestFormatException exception) =>
        new("InvalidRbacObject", ProblemKind.InvalidData, source.ToString(), exception);

    private static ManifestSequence? Sequence(ManifestObject source, ManifestNode? node, string path) => node switch
    {
        null => null,
        ManifestScalar { IsNull: true } => null,
        ManifestSequence sequence => sequence,
        _ => throw Invalid(source, node, $"{path} must be a list, not a {node.TypeName}."),
    };

    private static List<string> Strings(ManifestObject source, ManifestNode? node, string path)
    {
        var sequence = Sequence(source, node, path);
        if (sequence is null)
        {
            return [];
        }

        var values = new List<string>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            if (item is not ManifestScalar scalar)
            {
                throw Invalid(source, item, $"{path} must be a list of strings, not hold a {item.TypeName}.");
            }

            values.Add(scalar.Value);
        }

        return values;
    }

    private static Dictionary<string, string> Labels(ManifestNode? node)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is ManifestMapping mapping)
        {
            foreach (var (key, value) in mapping.Entries)
            {
                labels[key] = value.Text ?? string.Empty;
            }
        }

        return labels;
    }

    private static ManifestFormatException Invalid(ManifestObject source, ManifestNode node, string reason) =>
        new(source.File ?? source.ToString(), source.IsLive ? 0 : node.Line, source.IsLive ? 0 : node.Column, $"{source.Kind} '{source.Name}': {reason}");
}
