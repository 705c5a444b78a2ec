using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests.Kubernetes;

/// <summary>The cluster audits against the shared test API server on 127.0.0.1, through a kubeconfig, as a user runs them.</summary>
public sealed class ClusterLiveTests : IDisposable
{
    private readonly KubernetesTestApiServer _server = new();
    private readonly ModuleSession _session = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("cluster-live").FullName;
    private readonly string _kubeconfig;

    public ClusterLiveTests()
    {
        _kubeconfig = _server.WriteKubeConfig(_folder);
        const string rbac = "rbac.authorization.k8s.io/v1";
        _server.Add(rbac, "ClusterRole", "clusterroles", """{"metadata":{"name":"secret-reader"},"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list"]}]}""");
        _server.Add(rbac, "ClusterRoleBinding", "clusterrolebindings", """{"metadata":{"name":"agent-secrets"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"secret-reader"},"subjects":[{"kind":"ServiceAccount","name":"agent","namespace":"monitoring"}]}""");
        _server.Add(rbac, "ClusterRoleBinding", "clusterrolebindings", """{"metadata":{"name":"everyone-admin"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"Group","name":"system:authenticated","apiGroup":"rbac.authorization.k8s.io"}]}""");
        _server.Add(rbac, "Role", "roles", """{"metadata":{"name":"exec","namespace":"shop"},"rules":[{"apiGroups":[""],"resources":["pods/exec"],"verbs":["create"]}]}""");
        _server.Add(rbac, "RoleBinding", "rolebindings", """{"metadata":{"name":"support-exec","namespace":"shop"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"exec"},"subjects":[{"kind":"User","name":"support@example.com","apiGroup":"rbac.authorization.k8s.io"}]}""");
        _server.Add("v1", "Namespace", "namespaces", """{"metadata":{"name":"shop","labels":{"pod-security.kubernetes.io/enforce":"restricted"}}}""");
        _server.Add("v1", "Namespace", "namespaces", """{"metadata":{"name":"empty"}}""");
        _server.Add("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", """{"metadata":{"name":"deny","namespace":"shop"},"spec":{"podSelector":{},"policyTypes":["Ingress","Egress"]}}""");
        _server.Add("v1", "LimitRange", "limitranges", """{"metadata":{"name":"limits","namespace":"shop"},"spec":{"limits":[{"type":"Container","default":{"memory":"512Mi"}}]}}""");
        _server.Add("v1", "ResourceQuota", "resourcequotas", """{"metadata":{"name":"quota","namespace":"shop"},"spec":{"hard":{"pods":"50"}}}""");
        _server.Add("v1", "Pod", "pods", """{"metadata":{"name":"kube-apiserver-cp-1","namespace":"kube-system"},"spec":{"containers":[{"name":"kube-apiserver","image":"registry.k8s.io/kube-apiserver:v1.31.2","command":["kube-apiserver","--authorization-mode=Node,RBAC","--anonymous-auth=false","--profiling=false","--token-auth-file=/etc/kubernetes/tokens.csv"]}]}}""");
    }

    public void Dispose()
    {
        _session.Dispose();
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Rbac_threats_of_a_live_cluster_are_aggregated_by_subject()
    {
        var findings = _session.Invoke($"Get-RbacThreat -KubeConfig '{_kubeconfig}' | ForEach-Object {{ $_.RuleId + ' ' + $_.Target.Name + ' ' + $_.Target.Namespace + ' ' + [string]$_.Target.File }}");

        var lines = findings.Select(f => f.ToString()!.TrimEnd()).ToList();
        Assert.Contains("KR002 system:serviceaccount:monitoring:agent", lines);
        Assert.Contains("KR012 system:authenticated", lines);
        Assert.Contains("KR006 support@example.com shop", lines);
        Assert.Contains(_server.Requests, r => r.StartsWith("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", StringComparison.Ordinal));
        Assert.Contains(_server.Requests, r => r.StartsWith("/apis/rbac.authorization.k8s.io/v1/rolebindings", StringComparison.Ordinal));
    }

    [Fact]
    public void Who_can_exec_in_shop_on_a_live_cluster()
    {
        var subjects = _session.Invoke($"Get-RbacPermission -KubeConfig '{_kubeconfig}' -Verb create -Resource pods/exec -Namespace shop | ForEach-Object Subject");

        Assert.Equal(["support@example.com", "system:authenticated"], subjects.Select(s => s.ToString()).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cluster_threats_judge_every_namespace_and_the_mirror_pods_of_the_control_plane()
    {
        var findings = _session.Invoke($"Get-ClusterThreat -KubeConfig '{_kubeconfig}' | ForEach-Object {{ $_.RuleId + ' ' + $_.Target.Name }}");

        var lines = findings.Select(f => f.ToString()!).ToList();
        Assert.Contains("KN001 empty", lines);
        Assert.Contains("KN005 empty", lines);
        Assert.DoesNotContain(lines, l => l.EndsWith(" shop", StringComparison.Ordinal));
        Assert.Contains("KC011 kube-apiserver-cp-1", lines);
        Assert.Contains("KC009 kube-apiserver-cp-1", lines);
        Assert.DoesNotContain("KC007 kube-apiserver-cp-1", lines);
    }

    [Fact]
    public void A_refused_namespace_listing_is_an_error_and_the_rest_is_audited()
    {
        _server.Forbid(null);

        var (output, errors) = _session.Run($"Get-RbacThreat -KubeConfig '{_kubeconfig}'");

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith("ClusterForbidden,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.Empty(output);
    }

    [Fact]
    public void The_test_servers_own_kubeconfig_is_what_Test_KubeConfig_warns_about()
    {
        var rules = _session.Invoke($"Test-KubeConfig -Path '{_kubeconfig}' | ForEach-Object RuleId");

        Assert.Equal(["KC003", "KC005"], rules.Select(r => r.ToString()));
    }
}
