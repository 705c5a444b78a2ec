using k8s;
using k8s.Models;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>One page of a list call: the items, and the token for the next page.</summary>
public sealed record ClusterPage(IReadOnlyList<object> Items, string? Continue)
{
    /// <summary>Turns a KubernetesClient list into a page (items and continue token).</summary>
    /// <exception cref="InvalidDataException">The answer has no items: it is not a Kubernetes list (the API server always sends them).</exception>
    internal static ClusterPage Of<TItem>(IItems<TItem> list)
        where TItem : class => new(
            [.. list.Items ?? throw new InvalidDataException("the answer has no items")],
            ((IMetadata<V1ListMeta>)list).Metadata?.ContinueProperty);
}

/// <summary>
/// A kind a live scan can list, with the KubernetesClient calls that list it in one namespace or in all. Generic over
/// kinds: audits of other kinds (RBAC, namespaces …) add descriptors and reuse <see cref="ClusterObjectSource"/>.
/// </summary>
/// <param name="Kind">The object kind, for example <c>Deployment</c>.</param>
/// <param name="ApiVersion">The group/version, for example <c>apps/v1</c>.</param>
/// <param name="Plural">The resource name, for example <c>deployments</c>.</param>
/// <param name="ListNamespaced">Lists one namespace (namespace, continue, labelSelector, limit).</param>
/// <param name="ListAll">Lists all namespaces (or the cluster-scoped objects).</param>
public sealed record ClusterResource(
    string Kind,
    string ApiVersion,
    string Plural,
    Func<IKubernetes, string, string?, string?, int, CancellationToken, Task<ClusterPage>>? ListNamespaced,
    Func<IKubernetes, string?, string?, int, CancellationToken, Task<ClusterPage>> ListAll)
{
    /// <summary>
    /// The kinds a pod audit lists: ServiceAccounts (KP021) and PodDisruptionBudgets (KP038) first, then every
    /// workload kind. The label selector applies to workloads only: the supporting objects are needed whatever
    /// their labels.
    /// </summary>
    public static IReadOnlyList<ClusterResource> PodWorkloads { get; } =
    [
        new("ServiceAccount", "v1", "serviceaccounts",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListNamespacedServiceAccountAsync(ns, continueParameter: c, labelSelector: null, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListServiceAccountForAllNamespacesAsync(continueParameter: c, labelSelector: null, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("PodDisruptionBudget", "policy/v1", "poddisruptionbudgets",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, continueParameter: c, labelSelector: null, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(continueParameter: c, labelSelector: null, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("Pod", "v1", "pods",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListNamespacedPodAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListPodForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("PodTemplate", "v1", "podtemplates",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListNamespacedPodTemplateAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListPodTemplateForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("ReplicationController", "v1", "replicationcontrollers",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListNamespacedReplicationControllerAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.CoreV1.ListReplicationControllerForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("Deployment", "apps/v1", "deployments",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("StatefulSet", "apps/v1", "statefulsets",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.AppsV1.ListNamespacedStatefulSetAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("DaemonSet", "apps/v1", "daemonsets",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.AppsV1.ListNamespacedDaemonSetAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.AppsV1.ListDaemonSetForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("ReplicaSet", "apps/v1", "replicasets",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.AppsV1.ListNamespacedReplicaSetAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.AppsV1.ListReplicaSetForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("Job", "batch/v1", "jobs",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.BatchV1.ListNamespacedJobAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.BatchV1.ListJobForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
        new("CronJob", "batch/v1", "cronjobs",
            async (k, ns, c, s, l, t) => ClusterPage.Of(await k.BatchV1.ListNamespacedCronJobAsync(ns, continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false)),
            async (k, c, s, l, t) => ClusterPage.Of(await k.BatchV1.ListCronJobForAllNamespacesAsync(continueParameter: c, labelSelector: s, limit: l, cancellationToken: t).ConfigureAwait(false))),
    ];
}
