using ContainerSecurity.Engine.Kubernetes.Rbac;
using static ContainerSecurity.Engine.Tests.Kubernetes.Rbac.RbacAuditRunner;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Rbac;

public sealed class RbacAuditTests
{
    private const string Cluster = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: secret-reader}
        rules:
          - apiGroups: [""]
            resources: [secrets]
            verbs: [list]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: agent-secrets}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
        subjects:
          - {kind: ServiceAccount, name: agent, namespace: monitoring}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: devs-edit, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects:
          - {kind: Group, name: shop-developers}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: devs-view, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects:
          - {kind: Group, name: shop-developers}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ops-view, namespace: billing}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects:
          - {kind: User, name: ops@example.com}
        """;

    [Fact]
    public void Who_can_read_secrets_in_a_namespace_includes_cluster_wide_rights_and_excludes_other_namespaces()
    {
        var permissions = Permissions(Cluster, new RbacPermissionQuery { Verbs = ["get", "list", "watch"], Resources = ["secrets"], Namespace = "shop" });

        Assert.Equal(["group:shop-developers", "system:serviceaccount:monitoring:agent"],
            permissions.Select(p => p.SubjectKind == "Group" ? "group:" + p.Subject : p.Subject).Distinct().Order(StringComparer.Ordinal));
        Assert.All(permissions, p => Assert.Equal("secrets", p.Resource));
        var agent = permissions.First(p => p.SubjectKind == "ServiceAccount");
        Assert.Null(agent.Namespace);
        Assert.Equal("ClusterRoleBinding/agent-secrets -> ClusterRole/secret-reader", agent.Via);
        Assert.Equal(9, agent.Line);
        Assert.Contains(permissions, p => p.Role == "ClusterRole/edit (built-in)" && p.Namespace == "shop");
    }

    [Fact]
    public void A_wildcard_rule_answers_for_every_verb_and_subresource()
    {
        const string yaml = """
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: exec-all}
            rules:
              - {apiGroups: [""], resources: ["*/exec"], verbs: ["*"]}
            ---
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: exec-all}
            roleRef: {kind: ClusterRole, name: exec-all, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: User, name: mallory}]
            """;

        var permissions = Permissions(yaml, new RbacPermissionQuery { Verbs = ["create"], Resources = ["pods/exec"] });
        var (findings, _) = RunText(yaml, includePassed: false);

        var permission = Assert.Single(permissions);
        Assert.Equal(("*", "*/exec"), (permission.Verb, permission.Resource));
        Assert.Contains(findings, f => f.RuleId == "KR006" && f.Target.Name == "mallory" && f.Target.Namespace is null);
        Assert.Contains(findings, f => f.RuleId == "KR004" && f.Target.Name == "exec-all" && f.Target.Line == 5);
    }

    [Fact]
    public void Rights_are_aggregated_by_subject_and_scope_across_bindings()
    {
        var (findings, _) = RunText(Cluster, includePassed: false);

        var secrets = findings.Where(f => f.RuleId is "KR002" or "KR003").ToList();
        Assert.Equal(2, secrets.Count);
        var cluster = Assert.Single(secrets, f => f.RuleId == "KR002");
        Assert.Equal("system:serviceaccount:monitoring:agent", cluster.Target.Name);
        Assert.Contains("in every namespace", cluster.Message, StringComparison.Ordinal);
        var shop = Assert.Single(secrets, f => f.RuleId == "KR003");
        Assert.Equal(("Group", "shop-developers", "shop"), (shop.Target.Kind, shop.Target.Name, shop.Target.Namespace));
        Assert.Contains("RoleBinding shop/devs-edit -> ClusterRole/edit", shop.Evidence!.Observed, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Target.Name == "ops@example.com" && f.Status == FindingStatus.Fail);
        Assert.Single(findings, f => f.RuleId == "KR005" && f.Target.Name == "shop-developers");
    }

    [Fact]
    public void Aggregated_cluster_roles_collect_the_rules_of_matching_roles()
    {
        const string yaml = """
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: monitoring}
            aggregationRule:
              clusterRoleSelectors:
                - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
            rules: []
            ---
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata:
              name: monitoring-tokens
              labels: {rbac.example.com/aggregate-to-monitoring: "true"}
            rules:
              - {apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}
            ---
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: monitoring}
            roleRef: {kind: ClusterRole, name: monitoring, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: ServiceAccount, name: prometheus, namespace: monitoring}]
            """;

        var (findings, _) = RunText(yaml, includePassed: false);

        var token = Assert.Single(findings, f => f.RuleId == "KR011");
        Assert.Equal("system:serviceaccount:monitoring:prometheus", token.Target.Name);
    }

    [Fact]
    public void Bootstrap_bindings_are_left_out()
    {
        const string yaml = """
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata:
              name: system:controller:clusterrole-aggregation-controller
              labels: {kubernetes.io/bootstrapping: rbac-defaults}
            roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: ServiceAccount, name: clusterrole-aggregation-controller, namespace: kube-system}]
            """;

        var (findings, _) = RunText(yaml, includePassed: false);

        Assert.Empty(findings);
    }

    [Fact]
    public void A_malformed_object_is_reported_with_its_position_and_the_rest_is_audited()
    {
        const string yaml = """
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: broken}
            rules:
              - apiGroups: [""]
                resources: secrets
                verbs: [get]
            ---
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: admins}
            roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
            ---
            kind: RoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: no-role, namespace: shop}
            subjects: [{kind: User, name: bob}]
            """;

        var (findings, problems) = RunText(yaml, includePassed: false);

        Assert.Equal(2, problems.Count);
        Assert.Equal("InvalidRbacObject", problems[0].ErrorId);
        Assert.Contains("rbac.yaml:6:16: ClusterRole 'broken': rules[0].resources must be a list, not a string.", problems[0].Exception.Message, StringComparison.Ordinal);
        Assert.Contains("RoleBinding 'no-role': roleRef must name", problems[1].Exception.Message, StringComparison.Ordinal);
        Assert.Contains(findings, f => f.RuleId == "KR001" && f.Status == FindingStatus.Fail && f.Target.Name == "system:serviceaccount:ci:deployer");
    }

    [Fact]
    public void A_service_account_subject_of_a_role_binding_defaults_to_the_binding_namespace()
    {
        const string yaml = """
            kind: RoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: default-admin, namespace: shop}
            roleRef: {kind: ClusterRole, name: admin, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: ServiceAccount, name: default}]
            """;

        var (findings, _) = RunText(yaml, includePassed: false);

        var finding = Assert.Single(findings, f => f.RuleId == "KR007");
        Assert.Equal("system:serviceaccount:shop:default", finding.Target.Name);
        Assert.Contains(findings, f => f.RuleId == "KR008" && f.Target.Namespace == "shop");
    }

    [Fact]
    public void Waiver_annotations_on_bindings_mark_findings_waived_only_when_every_granting_binding_waives_them()
    {
        const string yaml = """
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata:
              name: backup-admin
              annotations:
                waiver.containersecurity.io/KR001: "Velero needs cluster-wide restore; expires=2099-01-01"
                waiver.containersecurity.io/KR002: "Velero backs up Secrets; expires=2099-01-01"
            roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: ServiceAccount, name: velero, namespace: velero}]
            ---
            kind: ClusterRole
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: secrets}
            rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
            ---
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata:
              name: velero-secrets
              annotations: {waiver.containersecurity.io/KR002: "Velero backs up Secrets; expires=2099-01-01"}
            roleRef: {kind: ClusterRole, name: secrets, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: ServiceAccount, name: velero, namespace: velero}, {kind: User, name: eve}]
            ---
            kind: ClusterRoleBinding
            apiVersion: rbac.authorization.k8s.io/v1
            metadata: {name: eve-secrets}
            roleRef: {kind: ClusterRole, name: secrets, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: User, name: eve}]
            """;

        var (findings, _) = RunText(yaml, includePassed: false);

        var admin = Assert.Single(findings, f => f.RuleId == "KR001");
        Assert.True(admin.IsWaived);
        Assert.Equal("Velero needs cluster-wide restore", admin.Waiver!.Reason);
        Assert.True(Assert.Single(findings, f => f.RuleId == "KR002" && f.Target.Name == "system:serviceaccount:velero:velero").IsWaived);
        Assert.False(Assert.Single(findings, f => f.RuleId == "KR002" && f.Target.Name == "eve").IsWaived);
    }
}
