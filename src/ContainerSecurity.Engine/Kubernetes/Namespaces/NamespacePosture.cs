using ContainerSecurity.Engine.Kubernetes.Sources;

namespace ContainerSecurity.Engine.Kubernetes.Namespaces;

/// <summary>What the input says about one namespace: its Namespace object, and the policies and limits in it.</summary>
internal sealed class NamespacePosture(string name)
{
    public string Name { get; } = name;

    /// <summary>The Namespace object, when the input has it (labels are known only then).</summary>
    public ManifestObject? Namespace { get; set; }

    /// <summary>The first object seen in the namespace, for a position when there is no Namespace object.</summary>
    public ManifestObject? FirstSeen { get; set; }

    public bool DeniesIngress { get; set; }

    public bool DeniesEgress { get; set; }

    public List<string> NetworkPolicies { get; } = [];

    public List<string> LimitRanges { get; } = [];

    public List<string> ResourceQuotas { get; } = [];
}
