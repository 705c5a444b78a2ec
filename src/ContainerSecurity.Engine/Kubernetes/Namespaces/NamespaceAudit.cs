using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Kubernetes.Rbac;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Workloads;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Namespaces;

/// <summary>
/// Namespace posture (KN001–KN005): default-deny NetworkPolicies, LimitRange, ResourceQuota, Pod Security Admission
/// labels, and workloads in <c>default</c>. The namespaces judged are those the input shows: Namespace objects and
/// the namespaces of namespaced objects (kube-public and kube-node-lease, which run nothing, are left out).
/// </summary>
public sealed class NamespaceAudit(bool includePassed, Func<string, bool>? ruleFilter = null)
{
    /// <summary>The rules this audit evaluates.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = ["KN001", "KN002", "KN003", "KN004", "KN005"];

    private static readonly HashSet<string> s_clusterScoped = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "CustomResourceDefinition",
        "PriorityClass", "IngressClass", "RuntimeClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService", "CSIDriver", "KubeletConfiguration",
    };

    private readonly Dictionary<string, NamespacePosture> _namespaces = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _selected = ruleFilter ?? (_ => true);

    /// <summary>Records what one object says about its namespace; yields KN004 at once for workloads.</summary>
    public IEnumerable<ScanEvent> Add(ManifestObject source)
    {
        if (source.Kind == "Namespace" && source.Name is { } namespaceName)
        {
            Posture(namespaceName, source).Namespace = source;
            return [];
        }

        if (s_clusterScoped.Contains(source.Kind) || source.Kind.Length == 0)
        {
            return [];
        }

        // An object without a namespace lands wherever kubectl is pointed; it says nothing about a namespace.
        if (source.Namespace is not { } ns)
        {
            return [];
        }

        var posture = Posture(ns, source);
        switch (source.Kind)
        {
            case "NetworkPolicy":
                posture.NetworkPolicies.Add(source.Name ?? string.Empty);
                AddPolicy(posture, source);
                break;
            case "LimitRange":
                posture.LimitRanges.Add(source.Name ?? string.Empty);
                break;
            case "ResourceQuota":
                posture.ResourceQuotas.Add(source.Name ?? string.Empty);
                break;
        }

        if (!_selected("KN004") || !WorkloadKinds.All.Contains(source.Kind))
        {
            return [];
        }

        var inDefault = ns == "default";
        return inDefault || includePassed
            ? [new FindingEvent(ObjectWaivers.Apply(Create("KN004", inDefault ? FindingStatus.Fail : FindingStatus.Pass, Target(source, ns, "metadata.namespace", source.Root["metadata"]?["namespace"]),
                inDefault ? $"{source.Kind} '{source.Name}' runs in the default namespace, which shares one boundary with everything placed there by accident." : $"{source.Kind} '{source.Name}' runs in its own namespace '{ns}'.",
                inDefault ? new Evidence("metadata.namespace: default", "a dedicated namespace", source.ToString()) : null), source))]
            : [];
    }

    /// <summary>Judges every namespace seen.</summary>
    public IEnumerable<ScanEvent> Complete()
    {
        foreach (var posture in _namespaces.Values.Where(p => p.Name is not ("kube-public" or "kube-node-lease")).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            foreach (var finding in Judge(posture).Where(f => _selected(f.RuleId) && (includePassed || f.Status == FindingStatus.Fail)))
            {
                yield return new FindingEvent(ObjectWaivers.Apply(finding, posture.Namespace));
            }
        }
    }

    private static IEnumerable<Finding> Judge(NamespacePosture p)
    {
        var source = p.Namespace ?? p.FirstSeen!;
        var target = Target(source, p.Name, p.Namespace is null ? null : "metadata", null, kind: "Namespace", name: p.Name);
        var policies = p.NetworkPolicies.Count == 0 ? "none" : string.Join(", ", p.NetworkPolicies);
        var denied = (p.DeniesIngress, p.DeniesEgress) switch
        {
            (true, true) => null,
            (true, false) => "denies ingress by default but not egress: a compromised pod can still reach anything and exfiltrate",
            (false, true) => "denies egress by default but not ingress: every pod in the cluster can still connect in",
            _ => p.NetworkPolicies.Count == 0 ? "has no NetworkPolicy: every pod in the cluster can connect to its pods, and they to anything" : "has NetworkPolicies but none that denies by default (empty podSelector)",
        };
        yield return Create("KN001", denied is null ? FindingStatus.Pass : FindingStatus.Fail, target,
            denied is null ? $"Namespace '{p.Name}' denies ingress and egress by default." : $"Namespace '{p.Name}' {denied}.",
            new Evidence($"NetworkPolicies: {policies}", "a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress]", source.ToString()),
            denied is not null && (p.DeniesIngress || p.DeniesEgress) ? Severity.Low : null);

        yield return Create("KN002", p.LimitRanges.Count == 0 ? FindingStatus.Fail : FindingStatus.Pass, target,
            p.LimitRanges.Count == 0 ? $"Namespace '{p.Name}' has no LimitRange: a container without resources has no upper memory limit." : $"Namespace '{p.Name}' has the LimitRange {string.Join(", ", p.LimitRanges)}.",
            new Evidence($"LimitRanges: {(p.LimitRanges.Count == 0 ? "none" : string.Join(", ", p.LimitRanges))}", "a LimitRange with default limits", source.ToString()));

        yield return Create("KN003", p.ResourceQuotas.Count == 0 ? FindingStatus.Fail : FindingStatus.Pass, target,
            p.ResourceQuotas.Count == 0 ? $"Namespace '{p.Name}' has no ResourceQuota: it can claim the whole cluster's capacity." : $"Namespace '{p.Name}' has the ResourceQuota {string.Join(", ", p.ResourceQuotas)}.",
            new Evidence($"ResourceQuotas: {(p.ResourceQuotas.Count == 0 ? "none" : string.Join(", ", p.ResourceQuotas))}", "a ResourceQuota on compute and object counts", source.ToString()));

        if (p.Namespace is { } ns)
        {
            var labels = ns.Root["metadata"]?["labels"];
            var enforce = labels?["pod-security.kubernetes.io/enforce"];
            var level = enforce?.Text;
            var enforced = level is "baseline" or "restricted";
            yield return Create("KN005", enforced ? FindingStatus.Pass : FindingStatus.Fail,
                Target(ns, p.Name, "metadata.labels", enforce ?? labels ?? ns.Root["metadata"], "Namespace", p.Name),
                enforced ? $"Namespace '{p.Name}' enforces the {level} Pod Security Standard." : $"Namespace '{p.Name}' does not enforce a Pod Security Standard{(level is null ? string.Empty : $" (enforce is '{level}')")}: anyone who may create pods there can start privileged ones.",
                new Evidence($"pod-security.kubernetes.io/enforce: {level ?? "(not set)"}", "pod-security.kubernetes.io/enforce: restricted (or baseline)", ns.ToString()));
        }
    }

    // A policy with an empty podSelector and no allow rules for a direction denies that direction for the namespace.
    private static void AddPolicy(NamespacePosture posture, ManifestObject policy)
    {
        var spec = policy.Root["spec"];
        var selector = spec?["podSelector"];
        var selectsAll = selector is null or ManifestScalar { IsNull: true } || (selector is ManifestMapping m && m.Entries.All(e => e.Value is ManifestMapping { Entries.Count: 0 } or ManifestSequence { Items.Count: 0 } or ManifestScalar { IsNull: true }));
        if (!selectsAll)
        {
            return;
        }

        var types = spec?["policyTypes"] is ManifestSequence list ? list.Items.Select(i => i.Text).ToList() : null;
        var ingressRules = spec?["ingress"] is ManifestSequence ingress ? ingress.Items.Count : 0;
        var egressRules = spec?["egress"] is ManifestSequence egress ? egress.Items.Count : 0;
        var coversIngress = types is null || types.Contains("Ingress");
        var coversEgress = types is null ? spec?["egress"] is not null : types.Contains("Egress");
        posture.DeniesIngress |= coversIngress && ingressRules == 0;
        posture.DeniesEgress |= coversEgress && egressRules == 0;
    }

    private NamespacePosture Posture(string name, ManifestObject seen)
    {
        if (!_namespaces.TryGetValue(name, out var posture))
        {
            posture = new NamespacePosture(name) { FirstSeen = seen };
            _namespaces[name] = posture;
        }

        return posture;
    }

    private static FindingTarget Target(ManifestObject source, string ns, string? fieldPath, ManifestNode? node, string? kind = null, string? name = null) => new()
    {
        File = source.IsLive ? null : source.File,
        Line = source.IsLive ? null : node?.Line ?? source.Line,
        Column = source.IsLive ? null : node?.Column,
        Namespace = ns,
        Kind = kind ?? source.Kind,
        Name = name ?? source.Name,
        FieldPath = fieldPath,
    };

    private static Finding Create(string ruleId, FindingStatus status, FindingTarget target, string message, Evidence? evidence, Severity? severity = null) =>
        FindingFactory.Create(ruleId, status, target, message, evidence, null, severity);
}
