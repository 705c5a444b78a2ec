using ContainerSecurity.Engine.Kubernetes.Sources;
using k8s;

namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>The RBAC kinds a live audit lists, for <see cref="ClusterObjectSource"/>: always in every namespace, since a
/// ClusterRoleBinding anywhere changes who can do what in any namespace.</summary>
public static class RbacClusterResources
{
    /// <summary>ClusterRoles, ClusterRoleBindings, Roles and RoleBindings.</summary>
    public static IReadOnlyList<ClusterResource> All { get; } =
    [
        new("ClusterRole", "rbac.authorization.k8s.io/v1", "clusterroles", null,
            async (k, c, s, l, t) => ClusterPage.Of(await k.RbacAuthorizationV1.ListClusterRoleAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", "clusterrolebindings", null,
            async (k, c, s, l, t) => ClusterPage.Of(await k.RbacAuthorizationV1.ListClusterRoleBindingAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("Role", "rbac.authorization.k8s.io/v1", "roles",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.RbacAuthorizationV1.ListNamespacedRoleAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.RbacAuthorizationV1.ListRoleForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("RoleBinding", "rbac.authorization.k8s.io/v1", "rolebindings",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.RbacAuthorizationV1.ListRoleBindingForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
    ];
}
