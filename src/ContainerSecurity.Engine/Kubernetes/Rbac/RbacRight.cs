namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>
/// A dangerous right a subject can hold, as the KR rules define it: which grants give it, and how to say so. Most
/// rights come from one rule; approving CSRs needs two (the approval subresource and a signer).
/// </summary>
internal sealed record RbacRight(string RuleId, string Holds, string Expected, Func<IReadOnlyList<RbacGrant>, IReadOnlyList<RbacGrant>> Match)
{
    private const string Core = "";
    private const string RbacGroup = "rbac.authorization.k8s.io";
    private const string Certificates = "certificates.k8s.io";

    private static readonly (string Group, string Resource)[] s_workloads =
    [
        (Core, "pods"), (Core, "replicationcontrollers"), ("apps", "deployments"), ("apps", "daemonsets"), ("apps", "statefulsets"),
        ("apps", "replicasets"), ("batch", "jobs"), ("batch", "cronjobs"),
    ];

    private static readonly string[] s_readVerbs = ["get", "list", "watch"];
    private static readonly string[] s_writeVerbs = ["create", "update", "patch"];
    private static readonly string[] s_execVerbs = ["create", "get"];
    private static readonly string[] s_escalateVerbs = ["escalate", "bind"];
    private static readonly string[] s_proxyVerbs = ["get", "create", "update", "patch"];
    private static readonly (string Group, string Resource)[] s_impersonated =
        [(Core, "users"), (Core, "groups"), (Core, "serviceaccounts"), ("authentication.k8s.io", "userextras/scopes"), ("authentication.k8s.io", "uids")];

    private static readonly Func<IReadOnlyList<RbacGrant>, IReadOnlyList<RbacGrant>> s_readsSecrets =
        Each(r => s_readVerbs.Any(v => r.AllowsAll(v, Core, "secrets")));

    /// <summary>Cluster-wide (KR002) and namespaced (KR003) Secret reading.</summary>
    public static readonly RbacRight ReadSecretsClusterWide = ReadSecrets("KR002");

    /// <summary>Secret reading in one namespace.</summary>
    public static readonly RbacRight ReadSecretsInNamespace = ReadSecrets("KR003");

    public static RbacRight ReadSecrets(string ruleId) => new(ruleId, "can read every Secret", "no get, list or watch on secrets, or only on named resourceNames", s_readsSecrets);

    public static readonly RbacRight CreateWorkloads = new("KR005", "can create or change pods and workloads, and so run any pod with any service account token", "no create, update or patch on pods or workload controllers",
        Each(r => s_writeVerbs.Any(v => s_workloads.Any(w => r.Allows(v, w.Group, w.Resource)))));

    public static readonly RbacRight ExecAttach = new("KR006", "can exec or attach into pods", "no create or get on pods/exec or pods/attach",
        Each(r => s_execVerbs.Any(v => r.Allows(v, Core, "pods/exec") || r.Allows(v, Core, "pods/attach"))));

    public static readonly RbacRight EscalateBindImpersonate = new("KR008", "can escalate, bind or impersonate, and so make itself cluster-admin", "no escalate or bind on roles, no impersonate",
        Each(r => s_escalateVerbs.Any(v => r.Allows(v, RbacGroup, "roles") || r.Allows(v, RbacGroup, "clusterroles"))
            || s_impersonated.Any(t => r.Allows("impersonate", t.Group, t.Resource))));

    public static readonly RbacRight NodesProxy = new("KR009", "can reach every kubelet API through nodes/proxy (exec in any pod of the node)", "no rights on nodes/proxy",
        Each(r => s_proxyVerbs.Any(v => r.Allows(v, Core, "nodes/proxy"))));

    public static readonly RbacRight ApproveCsr = new("KR010", "can approve certificate signing requests, and so mint client certificates for any identity", "not both update on certificatesigningrequests/approval and approve on signers",
        grants =>
        {
            var approval = grants.Where(g => g.Rule.Allows("update", Certificates, "certificatesigningrequests/approval") || g.Rule.Allows("patch", Certificates, "certificatesigningrequests/approval")).ToList();
            var signers = grants.Where(g => g.Rule.Allows("approve", Certificates, "signers")).ToList();
            return approval.Count > 0 && signers.Count > 0 ? [.. approval, .. signers.Except(approval)] : [];
        });

    public static readonly RbacRight CreateTokens = new("KR011", "can create tokens for service accounts through the TokenRequest API", "no create on serviceaccounts/token",
        Each(r => r.Allows("create", Core, "serviceaccounts/token")));

    /// <summary>Rights that make a role dangerous in the hands of anonymous or all authenticated users (KR012).</summary>
    public static bool IsTakeover(RbacRole role)
    {
        var grants = role.Rules.Select(r => new RbacGrant(new RbacSubject("User", string.Empty, null), new RbacBinding("ClusterRoleBinding", string.Empty, null, role.Kind, role.Name, [], false, null), role, r)).ToList();
        return IsAdminEquivalent(role) || new[] { ReadSecretsClusterWide, CreateWorkloads, EscalateBindImpersonate, NodesProxy, CreateTokens }.Any(right => right.Match(grants).Count > 0);
    }

    /// <summary>cluster-admin, or a role with all verbs on all resources of all groups.</summary>
    public static bool IsAdminEquivalent(RbacRole role) => role.Rules.Any(r => r.IsEverything);

    private static Func<IReadOnlyList<RbacGrant>, IReadOnlyList<RbacGrant>> Each(Func<RbacPolicyRule, bool> predicate) =>
        grants => grants.Where(g => predicate(g.Rule)).ToList();
}
