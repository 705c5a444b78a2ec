using ContainerSecurity.Engine.Kubernetes.Sources;

namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>A Role (namespaced) or ClusterRole, with its rules and, for aggregated ClusterRoles, its label selectors.</summary>
internal sealed record RbacRole(
    string Kind,
    string Name,
    string? Namespace,
    IReadOnlyList<RbacPolicyRule> Rules,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<IReadOnlyDictionary<string, string>> AggregationSelectors,
    ManifestObject? Source)
{
    public bool IsClusterRole => Kind == "ClusterRole";

    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>A subject of a binding: User, Group or ServiceAccount (with its namespace).</summary>
internal sealed record RbacSubject(string Kind, string Name, string? Namespace)
{
    /// <summary>The name the API server authenticates: service accounts are <c>system:serviceaccount:ns:name</c>.</summary>
    public string UserName => Kind == "ServiceAccount" ? $"system:serviceaccount:{Namespace}:{Name}" : Name;

    public bool IsAnonymousOrEveryone =>
        (Kind == "User" && Name == "system:anonymous")
        || (Kind == "Group" && Name is "system:unauthenticated" or "system:authenticated");

    public bool IsDefaultServiceAccount =>
        (Kind == "ServiceAccount" && Name == "default")
        || (Kind == "Group" && (Name == "system:serviceaccounts" || Name.StartsWith("system:serviceaccounts:", StringComparison.Ordinal)));

    public override string ToString() => Kind == "ServiceAccount" ? $"ServiceAccount {Namespace}/{Name}" : $"{Kind} {Name}";
}

/// <summary>A RoleBinding or ClusterRoleBinding.</summary>
internal sealed record RbacBinding(
    string Kind,
    string Name,
    string? Namespace,
    string RoleKind,
    string RoleName,
    IReadOnlyList<RbacSubject> Subjects,
    bool IsBootstrap,
    ManifestObject? Source)
{
    public bool IsClusterWide => Kind == "ClusterRoleBinding";

    public override string ToString() => Namespace is null || IsClusterWide ? $"{Kind}/{Name}" : $"{Kind} {Namespace}/{Name}";
}

/// <summary>
/// One subject's right through one binding and one rule: the unit both the permission listing and the findings are
/// built from. <see cref="Namespace"/> is null when the right holds in every namespace.
/// </summary>
internal sealed record RbacGrant(RbacSubject Subject, RbacBinding Binding, RbacRole Role, RbacPolicyRule Rule)
{
    public string? Namespace => Binding.IsClusterWide ? null : Binding.Namespace;

    public string Via => $"{Binding} -> {Role}";
}
