using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Manifests;

/// <summary>
/// The manifest reader is as strict as Kubernetes and as lenient as YAML 1.2: wrong shapes are errors naming the
/// object, explicit core-schema tags decide types as kubectl does, valid block scalars are read.
/// </summary>
public sealed class ManifestStrictnessTests
{
    [Fact]
    public void Metadata_that_is_a_string_is_an_error_naming_the_position_and_the_other_documents_are_audited()
    {
        var events = PodAudit.Text("""
            apiVersion: v1
            kind: Pod
            metadata: "str"
            spec:
              containers: [{name: a, image: a:1}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: ok}
            spec:
              containers: [{name: a, image: a:1}]
            """);

        var problem = Assert.Single(events.Problems());
        var exception = Assert.IsType<ManifestFormatException>(problem.Exception);
        Assert.Equal((3, 11), (exception.Line, exception.Column));
        Assert.Contains("metadata must be a mapping, not a string", exception.Message);
        Assert.StartsWith("test.yaml:3:11: Pod", exception.Message);
        Assert.Contains(events.Findings(), f => f.Target.Name == "ok" && f.RuleId == "KP004");
    }

    [Theory]
    [InlineData("spec: [1, 2]", "spec must be a mapping, not a sequence", 4, 7)]
    [InlineData("spec: 42", "spec must be a mapping, not a number", 4, 7)]
    public void A_pod_spec_that_is_not_a_mapping_is_an_error_and_gets_no_findings(string spec, string expected, int line, int column)
    {
        var events = PodAudit.Text($"apiVersion: v1\nkind: Pod\nmetadata: {{name: q}}\n{spec}\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: ok}}\nspec:\n  containers: [{{name: a, image: a:1}}]\n");

        var exception = Assert.IsType<ManifestFormatException>(Assert.Single(events.Problems()).Exception);
        Assert.Contains("Pod q: " + expected, exception.Message);
        Assert.Equal((line, column), (exception.Line, exception.Column));
        Assert.DoesNotContain(events.Findings(), f => f.Target.Name == "q");
        Assert.Contains(events.Findings(), f => f.Target.Name == "ok");
    }

    [Fact]
    public void A_workload_template_that_is_not_a_mapping_is_an_error()
    {
        var events = PodAudit.Text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template: [x]\n");
        var exception = Assert.IsType<ManifestFormatException>(Assert.Single(events.Problems()).Exception);
        Assert.Contains("Deployment d: spec.template must be a mapping, not a sequence", exception.Message);
        Assert.Empty(events.Findings());
    }

    [Fact]
    public void A_security_context_that_is_not_a_mapping_is_an_error()
    {
        var events = PodAudit.Text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: [runAsNonRoot]\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      seccompProfile: RuntimeDefault\n");
        var messages = events.Problems().Select(p => p.Exception.Message).ToList();
        Assert.Contains(messages, m => m.Contains("spec.securityContext must be a mapping, not a sequence"));
        Assert.Contains(messages, m => m.Contains("spec.containers[0].securityContext.seccompProfile must be a mapping, not a string"));
    }

    [Theory]
    [InlineData("hostIPC: !!bool \"true\"", "KP011")]
    [InlineData("hostIPC: !<tag:yaml.org,2002:bool> 'true'", "KP011")]
    [InlineData("hostNetwork: !!bool \"yes\"", "KP012")]
    public void An_explicit_bool_tag_makes_a_quoted_scalar_a_boolean_as_kubectl_reads_it(string field, string rule)
    {
        // kubectl label --local -f pod.yaml a=b -o json prints "hostIPC": true for `hostIPC: !!bool "true"`.
        var events = PodAudit.Text($"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  {field}\n  containers: [{{name: a, image: a:1}}]\n");
        Assert.Empty(events.Problems());
        Assert.Contains(events.Findings(), f => f.RuleId == rule);
    }

    [Fact]
    public void An_explicit_str_tag_makes_a_plain_scalar_a_string_as_kubectl_reads_it()
    {
        // kubectl prints "hostPID": "true" for `hostPID: !!str true`: a string, which the API server refuses.
        var events = PodAudit.Text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: !!str true\n  containers: [{name: a, image: a:1}]\n");
        var exception = Assert.Single(events.Problems()).Exception;
        Assert.Contains("spec.hostPID must be a boolean, not a string", exception.Message);
    }

    [Theory]
    [InlineData("runAsUser: !!int \"0\"")]
    [InlineData("runAsUser: !!int 0")]
    public void An_explicit_int_tag_makes_a_quoted_scalar_a_number(string field)
    {
        var events = PodAudit.Text($"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      {field}\n");
        Assert.Empty(events.Problems());
        Assert.Contains(events.Findings(), f => f.RuleId == "KP005");
    }

    [Fact]
    public void A_workload_kind_in_the_core_group_is_an_error_not_a_skip()
    {
        // Polaris' runAsRootAllowed/failure.yaml: `apiVersion: v1` with `kind: Deployment`, which the API server refuses.
        var events = PodAudit.Text("apiVersion: v1\nkind: Deployment\nmetadata: {name: nginx}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a:1}]\n");
        var problem = Assert.Single(events.Problems());
        Assert.Equal("UnknownApiVersion", problem.ErrorId);
        Assert.Contains("no Deployment in apiVersion v1 (apps/v1 is meant?)", problem.Exception.Message);
        Assert.Empty(events.Findings());
    }

    [Fact]
    public void A_private_key_in_an_environment_value_fails_KP019_whatever_its_dashes()
    {
        // Polaris' sensitiveContainerEnvVar/failure.value_private_key.yaml.
        var events = PodAudit.Text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    env:\n    - name: the_good_stuff\n      value: |\n        ---BEGIN OPENSSH PRIVATE KEY---\n        xxxxx\n        ---END  OPENSSH PRIVATE KEY---\n");
        var finding = Assert.Single(events.Findings(), f => f.RuleId == "KP019");
        Assert.DoesNotContain("xxxxx", finding.Evidence!.Observed);
    }
}
