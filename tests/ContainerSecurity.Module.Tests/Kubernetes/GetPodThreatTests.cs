using System.Management.Automation;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests.Kubernetes;

public sealed class GetPodThreatTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("podthreat-module-").FullName;

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Fixture(string rule, string file = "fail.yaml") => Path.Join(TestPaths.Fixtures, "kubernetes", rule, file);

    private static TargetView Target(PSObject finding) => new(PSObject.AsPSObject(finding.Properties["Target"].Value));

    private sealed class TargetView(PSObject target)
    {
        public string? File => (string?)target.Properties["File"].Value;

        public int? Line => (int?)target.Properties["Line"].Value;

        public string? Namespace => (string?)target.Properties["Namespace"].Value;

        public string? Kind => (string?)target.Properties["Kind"].Value;

        public string? Name => (string?)target.Properties["Name"].Value;

        public string? Container => (string?)target.Properties["Container"].Value;

        public string? FieldPath => (string?)target.Properties["FieldPath"].Value;
    }

    [Fact]
    public void Path_with_wildcards_reads_folders_and_names_file_line_container_and_field()
    {
        var findings = _session.Invoke("Get-PodThreat -Path $dir/KP00[2-3] | Where-Object Severity -eq 'Critical'",
            new Dictionary<string, object?> { ["dir"] = Path.Join(TestPaths.Fixtures, "kubernetes") });

        var finding = Assert.Single(findings);
        Assert.Equal("KP002", finding.Properties["RuleId"].Value);
        var target = Target(finding);
        Assert.Equal(Fixture("KP002"), target.File);
        Assert.Equal(30, target.Line);
        Assert.Equal("app", target.Container);
        Assert.Equal("spec.containers[0].securityContext.privileged", target.FieldPath);
    }

    [Fact]
    public void Text_arriving_line_by_line_from_the_pipeline_is_audited_with_input_line_numbers()
    {
        var findings = _session.Invoke("[System.IO.File]::ReadAllLines($file) | Get-PodThreat -RuleId KP013",
            new Dictionary<string, object?> { ["file"] = Fixture("KP013") });

        var target = Target(Assert.Single(findings));
        Assert.Equal("InputObject", target.File);
        Assert.Equal(31, target.Line);
        Assert.Equal("spec.template.spec.containers[0].ports[0].hostPort", target.FieldPath);
    }

    [Fact]
    public void A_whole_text_and_a_kind_List_work_too()
    {
        var findings = _session.Invoke("""
            $list = "apiVersion: v1`nitems:`n- apiVersion: v1`n  kind: Pod`n  metadata: {name: a, namespace: n}`n  spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}`nkind: List`n"
            $list | Get-PodThreat -RuleId KP002
            """);
        Assert.Equal("n/Pod/a", $"{Target(Assert.Single(findings)).Namespace}/Pod/{Target(findings[0]).Name}");
    }

    [Fact]
    public void LiteralPath_binds_from_PSPath_of_pipeline_objects()
    {
        var findings = _session.Invoke("[pscustomobject]@{ PSPath = $file } | Get-PodThreat -RuleId KP012",
            new Dictionary<string, object?> { ["file"] = Fixture("KP012") });
        Assert.Equal("KP012", Assert.Single(findings).Properties["RuleId"].Value);
    }

    [Fact]
    public void Malformed_yaml_is_a_non_terminating_error_with_file_line_and_column_and_the_rest_is_audited()
    {
        var broken = Path.Join(_directory, "broken.yaml");
        File.WriteAllText(broken, "apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n---\n" + File.ReadAllText(Fixture("KP002")));

        var (output, errors) = _session.Run("Get-PodThreat -LiteralPath $file -RuleId KP002", new Dictionary<string, object?> { ["file"] = broken });

        Assert.Single(output);
        var error = Assert.Single(errors);
        Assert.StartsWith("InvalidManifestSyntax,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Matches(@"broken\.yaml:\d+:\d+: Malformed YAML", error.Exception.Message);
    }

    [Fact]
    public void Pod_security_levels_are_objects_with_a_table_view()
    {
        var levels = _session.Invoke("Get-PodThreat -Path $a, $b -PodSecurityLevel",
            new Dictionary<string, object?> { ["a"] = Fixture("KP001", "pass.yaml"), ["b"] = Fixture("KP010") });

        Assert.Equal(["Restricted", "Privileged"], levels.Select(l => l.Properties["Level"].Value.ToString()));
        Assert.Contains("ContainerSecurity.PodSecurityAssessment", levels[0].TypeNames);

        var shown = ShellOutput.Run($"Get-PodThreat -Path '{Fixture("KP010")}' -PodSecurityLevel");
        Assert.Matches(@"Level\s+Target\s+Keeps it from the next level", shown.Output);
        Assert.Matches(@"Privileged\s+\S+\s+hostNamespaces", shown.Output);
    }

    [Fact]
    public void A_pod_security_assessment_survives_a_CliXml_round_trip()
    {
        var copy = Assert.Single(_session.Invoke(
            "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize((Get-PodThreat -Path $file -PodSecurityLevel), 3))",
            new Dictionary<string, object?> { ["file"] = Fixture("KP010") }));

        Assert.Equal("Deserialized.ContainerSecurity.PodSecurityAssessment", copy.TypeNames[0]);
        Assert.Equal("Privileged", copy.Properties["Level"].Value.ToString());
        var shown = ShellOutput.Run($"[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize((Get-PodThreat -Path '{Fixture("KP010")}' -PodSecurityLevel), 3))");
        Assert.Matches(@"Privileged\s+\S+\s+hostNamespaces", shown.Output);
    }

    [Fact]
    public void IncludePassed_reports_passes_and_waived_findings_show_as_waived()
    {
        var passed = _session.Invoke("Get-PodThreat -Path $file -IncludePassed | Where-Object Status -eq 'Pass'",
            new Dictionary<string, object?> { ["file"] = Fixture("KP001", "pass.yaml") });
        Assert.True(passed.Count > 30);

        var shown = ShellOutput.Run($"Get-PodThreat -Path '{Fixture("KP039", "pass.yaml")}' -RuleId KP002");
        Assert.Matches(@"Fail\s+Critical\s+KP002\s+.*\[waived\] Container 'app' runs privileged", shown.Output);
    }

    [Fact]
    public void A_live_cluster_is_audited_through_the_kubeconfig_and_a_forbidden_namespace_is_an_error()
    {
        using var server = new KubernetesTestApiServer();
        server.Add("v1", "Pod", "pods", """{"metadata":{"name":"web","namespace":"shop"},"spec":{"containers":[{"name":"app","image":"app:1","securityContext":{"privileged":true}}]}}""");
        server.Add("v1", "Pod", "pods", """{"metadata":{"name":"vault","namespace":"secret"},"spec":{"containers":[{"name":"app","image":"app:1","securityContext":{"privileged":true}}]}}""");
        server.Forbid("secret");
        var kubeconfig = server.WriteKubeConfig(_directory);

        var (output, errors) = _session.Run("Get-PodThreat -KubeConfig $kubeconfig -Namespace shop, secret -RuleId KP002 -PageSize 1",
            new Dictionary<string, object?> { ["kubeconfig"] = kubeconfig });

        var target = Target(Assert.Single(output));
        Assert.Equal(("shop", "Pod", "web", "app"), (target.Namespace, target.Kind, target.Name, target.Container));
        Assert.Null(target.File);
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.StartsWith("ClusterForbidden,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.PermissionDenied, e.CategoryInfo.Category);
        });
    }

    [Fact]
    public void A_missing_kubeconfig_stops_the_command()
    {
        var caught = _session.Invoke("try { Get-PodThreat -KubeConfig $file; 'not stopped' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
            new Dictionary<string, object?> { ["file"] = Path.Join(_directory, "nope") });
        Assert.Equal("ClusterConfigurationInvalid,ContainerSecurity.Commands.GetPodThreatCommand", caught[0].BaseObject);
        Assert.Contains("nope", (string)caught[1].BaseObject);
    }
}
