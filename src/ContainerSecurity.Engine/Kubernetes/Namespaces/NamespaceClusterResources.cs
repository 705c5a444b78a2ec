using k8s;
using ContainerSecurity.Engine.Kubernetes.Rbac;
using ContainerSecurity.Engine.Kubernetes.Sources;

namespace ContainerSecurity.Engine.Kubernetes.Namespaces;

/// <summary>
/// What a live Get-ClusterThreat lists: every Namespace (so every namespace is judged, not only those with objects),
/// their NetworkPolicies, LimitRanges and ResourceQuotas, then the workloads (the API server's mirror pods of static
/// control-plane pods carry their flags; the Dashboard is a Deployment). KubeletConfiguration is not served by the API.
/// </summary>
public static class NamespaceClusterResources
{
    /// <summary>The kinds, in listing order.</summary>
    public static IReadOnlyList<ClusterResource> All { get; } =
    [
        new("Namespace", "v1", "namespaces", null,
            async (k, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListNamespaceAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("NetworkPolicy", "networking.k8s.io/v1", "networkpolicies",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("LimitRange", "v1", "limitranges",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListNamespacedLimitRangeAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListLimitRangeForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("ResourceQuota", "v1", "resourcequotas",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListNamespacedResourceQuotaAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListResourceQuotaForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        .. ClusterResource.PodWorkloads,
    ];
}
