using static ContainerSecurity.Engine.Tests.Kubernetes.ControlPlane.ClusterConfigAuditRunner;

namespace ContainerSecurity.Engine.Tests.Kubernetes.ControlPlane;

public sealed class ClusterConfigAuditTests
{
    private static string ApiServer(params string[] arguments) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-apiserver, namespace: kube-system}
        spec:
          containers:
            - name: apiserver
              image: registry.k8s.io/kube-apiserver:v1.31.2
              args: [{{string.Join(", ", arguments.Select(a => $"\"{a}\""))}}]
        """;

    [Fact]
    public void Flags_are_read_in_every_form_the_component_accepts_and_the_last_one_wins()
    {
        var (findings, _) = RunText(ApiServer("--anonymous-auth", "false", "--profiling=true", "--profiling=false", "--token-auth-file", "/etc/tokens.csv"), includePassed: true);

        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.RuleId == "KC007").Status);
        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.RuleId == "KC012").Status);
        var token = Assert.Single(findings, f => f.RuleId == "KC011");
        Assert.Equal(FindingStatus.Fail, token.Status);
        Assert.Contains("/etc/tokens.csv", token.Message, StringComparison.Ordinal);
        Assert.Equal("spec.containers[0].args[4]", token.Target.FieldPath);
        Assert.Equal("apiserver", token.Target.Container);
    }

    [Fact]
    public void Absent_flags_are_judged_by_the_components_defaults()
    {
        var (findings, _) = RunText(ApiServer("--etcd-servers=https://127.0.0.1:2379"), includePassed: false);

        Assert.Equal(["KC007", "KC008", "KC009", "KC012"], findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        var authorization = Assert.Single(findings, f => f.RuleId == "KC008");
        Assert.Equal(Severity.Critical, authorization.Severity);
        Assert.Contains("AlwaysAllow", authorization.Message, StringComparison.Ordinal);
        Assert.Contains("--authorization-mode not set", authorization.Evidence!.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authorization_mode_without_RBAC_fails_at_high_and_an_exposed_insecure_port_is_critical()
    {
        var (findings, _) = RunText(ApiServer("--authorization-mode=Node,Webhook", "--insecure-port=8080", "--insecure-bind-address=0.0.0.0"), includePassed: false);

        var authorization = Assert.Single(findings, f => f.RuleId == "KC008");
        Assert.Equal(Severity.High, authorization.Severity);
        Assert.Contains("lacks RBAC", authorization.Message, StringComparison.Ordinal);
        var port = Assert.Single(findings, f => f.RuleId == "KC010");
        Assert.Equal(Severity.Critical, port.Severity);
        Assert.Contains("on 0.0.0.0", port.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubelet_configuration_without_fields_takes_the_file_formats_secure_defaults()
    {
        var (findings, _) = RunText("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupDriver: systemd\n", includePassed: true);

        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.RuleId == "KC013").Status);
        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.RuleId == "KC014").Status);
        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.RuleId == "KC015").Status);
        Assert.Equal(FindingStatus.Fail, Assert.Single(findings, f => f.RuleId == "KC016").Status);
        Assert.Equal(FindingStatus.Fail, Assert.Single(findings, f => f.RuleId == "KC017").Status);
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("KN", StringComparison.Ordinal));
    }

    [Fact]
    public void Namespaces_are_those_the_input_shows_and_objects_without_a_namespace_say_nothing()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, namespace: payments}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: b}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-web, namespace: payments}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress: [{from: [{podSelector: {}}]}]
            """;

        var (findings, _) = RunText(yaml, includePassed: false);

        Assert.All(findings, f => Assert.Equal("payments", f.Target.Name));
        var policy = Assert.Single(findings, f => f.RuleId == "KN001");
        Assert.Contains("none that denies by default", policy.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.RuleId == "KN005");
    }

    [Fact]
    public void The_dashboard_is_found_by_its_image_whatever_the_container_is_called()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: ui, namespace: tools}
            spec:
              selector: {matchLabels: {app: ui}}
              template:
                metadata: {labels: {app: ui}}
                spec:
                  containers:
                    - name: web
                      image: docker.io/kubernetesui/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93
                      args: [--enable-insecure-login]
            """;

        var (findings, _) = RunText(yaml, includePassed: false);

        var finding = Assert.Single(findings, f => f.RuleId == "KC021");
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("web", finding.Target.Container);
    }
}
