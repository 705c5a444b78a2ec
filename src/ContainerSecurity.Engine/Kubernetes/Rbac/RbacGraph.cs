using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>
/// Collects roles and bindings from any source, then resolves each binding to its role (aggregated ClusterRoles
/// included, built-in user-facing roles when the input lacks them) and lists every subject's grants.
/// </summary>
internal sealed class RbacGraph
{
    private readonly List<RbacRole> _roles = [];
    private readonly List<RbacBinding> _bindings = [];
    private Dictionary<(string Kind, string? Namespace, string Name), RbacRole>? _index;

    public IReadOnlyList<RbacRole> Roles => _roles;

    public IReadOnlyList<RbacBinding> Bindings => _bindings;

    /// <summary>Adds an object if it is an RBAC kind; returns a problem when it is malformed.</summary>
    public ScanProblem? Add(ManifestObject source)
    {
        try
        {
            switch (source.Kind)
            {
                case "Role" or "ClusterRole":
                    _roles.Add(RbacObjectReader.ReadRole(source));
                    _index = null;
                    break;
                case "RoleBinding" or "ClusterRoleBinding":
                    _bindings.Add(RbacObjectReader.ReadBinding(source));
                    break;
            }

            return null;
        }
        catch (ManifestFormatException e)
        {
            return RbacObjectReader.Problem(source, e);
        }
    }

    /// <summary>The role a binding references, or null when it is neither in the input nor built in.</summary>
    public RbacRole? Resolve(RbacBinding binding)
    {
        // Indexed once all roles are in: a cluster has thousands of bindings; the last definition of a name wins.
        _index ??= _roles.GroupBy(r => (r.Kind, r.Namespace, r.Name)).ToDictionary(g => g.Key, g => g.Last());
        if (binding.RoleKind == "Role")
        {
            return _index.GetValueOrDefault(("Role", binding.Namespace, binding.RoleName));
        }

        var role = _index.GetValueOrDefault(("ClusterRole", (string?)null, binding.RoleName));
        if (role is null)
        {
            return BuiltInClusterRoles.Find(binding.RoleName);
        }

        return role.AggregationSelectors.Count == 0 ? role : role with { Rules = [.. role.Rules, .. Aggregated(role)] };
    }

    /// <summary>Every (subject, binding, role, rule) the input grants; bindings whose role is unknown are reported by <paramref name="unresolved"/>.</summary>
    public IEnumerable<RbacGrant> Grants(Action<RbacBinding>? unresolved = null)
    {
        foreach (var binding in _bindings)
        {
            var role = Resolve(binding);
            if (role is null)
            {
                unresolved?.Invoke(binding);
                continue;
            }

            foreach (var subject in binding.Subjects)
            {
                foreach (var rule in role.Rules)
                {
                    yield return new RbacGrant(subject, binding, role, rule);
                }
            }
        }
    }

    // The API server's aggregation controller copies the rules of every ClusterRole whose labels match a selector.
    private IEnumerable<RbacPolicyRule> Aggregated(RbacRole aggregate) =>
        _roles.Where(r => r.IsClusterRole && r != aggregate && aggregate.AggregationSelectors.Any(s => s.Count > 0 && s.All(l => r.Labels.TryGetValue(l.Key, out var v) && v == l.Value)))
            .SelectMany(r => r.Rules);
}
