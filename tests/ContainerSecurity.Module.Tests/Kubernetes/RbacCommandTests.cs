using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests.Kubernetes;

public sealed class RbacCommandTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _fixtures = Path.Join(TestPaths.Fixtures, "rbac");

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Findings_from_a_folder_name_the_subject_and_filter_by_rule()
    {
        var findings = _session.Invoke($"Get-RbacThreat -Path '{_fixtures}' -RuleId KR002, KR003 | ForEach-Object {{ $_.RuleId + ' ' + $_.Target.Name + ' ' + $_.Target.Namespace }}");

        Assert.Contains("KR002 system:serviceaccount:monitoring:agent ", findings.Select(f => f.ToString()));
        Assert.Contains("KR003 shop-developers shop", findings.Select(f => f.ToString()));
        Assert.All(findings, f => Assert.StartsWith("KR00", f.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Who_can_read_secrets_in_a_namespace_is_one_pipeline()
    {
        var subjects = _session.Invoke($"Get-RbacPermission -Path '{_fixtures}/KR002', '{_fixtures}/KR003' -Verb get -Resource secrets -Namespace shop | ForEach-Object Subject");

        Assert.Equal(["shop-developers", "system:serviceaccount:monitoring:agent", "system:serviceaccount:shop:orders-api"],
            subjects.Select(s => s.ToString()).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Piped_kubectl_text_is_audited()
    {
        var text = File.ReadAllText(Path.Join(_fixtures, "KR012", "fail.yaml"));

        var findings = _session.Invoke("$text -split \"`n\" | Get-RbacThreat", new Dictionary<string, object?> { ["text"] = text });

        var finding = Assert.Single(findings, f => (string)f.Properties["RuleId"].Value == "KR012");
        Assert.Equal("Critical", finding.Properties["Severity"].Value.ToString());
    }

    [Fact]
    public void A_bad_object_is_an_error_naming_its_position_and_the_rest_is_still_reported()
    {
        const string yaml = "kind: ClusterRoleBinding\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: x}\nroleRef: {kind: Deployment, name: y}\n---\nkind: ClusterRoleBinding\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: ci-admin}\nroleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}\nsubjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]\n";

        var (output, errors) = _session.Run("$yaml | Get-RbacThreat", new Dictionary<string, object?> { ["yaml"] = yaml });

        var error = Assert.Single(errors);
        Assert.StartsWith("InvalidRbacObject,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("(pipeline input):4:10: ClusterRoleBinding 'x': roleRef", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(output, f => (string)f.Properties["RuleId"].Value == "KR001");
    }

    [Fact]
    public void Permissions_render_as_a_table_and_survive_a_CliXml_round_trip()
    {
        var (_, output, error) = ShellOutput.Run($"Get-RbacPermission -Path '{_fixtures}/KR008/fail.yaml'");
        var copy = _session.Invoke($"[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize((Get-RbacPermission -Path '{_fixtures}/KR008/fail.yaml')[0]))");

        Assert.Equal(string.Empty, error);
        Assert.Contains("User helpdesk@example.com", output, StringComparison.Ordinal);
        Assert.Contains("impersonate", output, StringComparison.Ordinal);
        Assert.Contains("ClusterRoleBinding/helpdesk-impersonate -> ClusterRole/impersonator", output, StringComparison.Ordinal);
        var permission = Assert.Single(copy);
        Assert.Equal("Deserialized.ContainerSecurity.RbacPermission", permission.TypeNames[0]);
        Assert.Equal("helpdesk@example.com", permission.Properties["Subject"].Value);
    }
}
