namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>
/// The user-facing ClusterRoles every cluster has (cluster-admin, admin, edit, view), so a binding to them can be
/// judged when the input holds only the binding. Their rules are the upstream defaults, reduced to the resources the
/// KR rules look at; a ClusterRole of the same name in the input wins.
/// </summary>
internal static class BuiltInClusterRoles
{
    private static readonly string[] s_write = ["create", "delete", "deletecollection", "patch", "update"];
    private static readonly string[] s_read = ["get", "list", "watch"];
    private static readonly string[] s_readWrite = [.. s_write, .. s_read];

    private static readonly string[] s_podResources = ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"];
    private static readonly string[] s_coreResources = ["configmaps", "endpoints", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy"];
    private static readonly string[] s_appsResources = ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"];

    public static RbacRole? Find(string name) => name switch
    {
        "cluster-admin" => Role(name, Rule([RbacPolicyRule.All], [RbacPolicyRule.All], [RbacPolicyRule.All]), NonResource([RbacPolicyRule.All], [RbacPolicyRule.All])),
        "admin" => Role(name, [.. Edit(), Rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], s_readWrite), Rule(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"])]),
        "edit" => Role(name, Edit()),
        "view" => Role(name,
            Rule([string.Empty], [.. s_podResources[..1], "pods/log", "pods/status", .. s_coreResources, "events", "limitranges", "resourcequotas", "namespaces"], s_read),
            Rule(["apps"], s_appsResources, s_read),
            Rule(["batch"], ["cronjobs", "jobs"], s_read)),
        _ => null,
    };

    private static RbacPolicyRule[] Edit() =>
    [
        Rule([string.Empty], [.. s_podResources, .. s_coreResources, "secrets"], s_readWrite),
        Rule([string.Empty], ["serviceaccounts"], ["impersonate"]),
        Rule([string.Empty], ["serviceaccounts/token"], ["create"]),
        Rule(["apps"], s_appsResources, s_readWrite),
        Rule(["batch"], ["cronjobs", "jobs"], s_readWrite),
    ];

    private static RbacRole Role(string name, params RbacPolicyRule[] rules) =>
        new("ClusterRole", name, null, rules, new Dictionary<string, string>(), [], null);

    private static RbacPolicyRule Rule(string[] groups, string[] resources, string[] verbs) =>
        new(groups, resources, verbs, [], [], "(built-in)", 0, 0);

    private static RbacPolicyRule NonResource(string[] urls, string[] verbs) =>
        new([], [], verbs, [], urls, "(built-in)", 0, 0);
}
