using ContainerSecurity.Engine.Kubernetes;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

/// <summary>Where each workload kind keeps its pod spec, and which containers are audited.</summary>
public sealed class WorkloadViewTests
{
    [Theory]
    [InlineData("v1", "Pod", "spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}", "spec.containers[0]")]
    [InlineData("v1", "PodTemplate", "template: {spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}}", "template.spec.containers[0]")]
    [InlineData("v1", "ReplicationController", "spec: {template: {spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}}}", "spec.template.spec.containers[0]")]
    [InlineData("apps/v1", "ReplicaSet", "spec: {template: {spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}}}", "spec.template.spec.containers[0]")]
    [InlineData("apps/v1", "DaemonSet", "spec: {template: {spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}}}", "spec.template.spec.containers[0]")]
    [InlineData("batch/v1", "Job", "spec: {template: {spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}}}", "spec.template.spec.containers[0]")]
    [InlineData("batch/v1", "CronJob", "spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}}}}}", "spec.jobTemplate.spec.template.spec.containers[0]")]
    public void Every_workload_kind_is_audited_at_the_path_of_its_pod_spec(string apiVersion, string kind, string body, string containerPath)
    {
        var finding = Assert.Single(PodAudit.Text($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: w}}\n{body}\n").Findings(), f => f.RuleId == "KP002");
        Assert.Equal(containerPath + ".securityContext.privileged", finding.Target.FieldPath);
        Assert.Equal(kind, finding.Target.Kind);
    }

    [Fact]
    public void Init_and_ephemeral_containers_are_audited_and_ephemeral_ones_need_no_resources()
    {
        var findings = PodAudit.Text("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers: [{name: app, image: a:1, resources: {limits: {memory: 1Gi}}}]
              initContainers: [{name: init, image: b:1, securityContext: {privileged: true}}]
              ephemeralContainers: [{name: debugger, image: c:1, securityContext: {capabilities: {add: [SYS_PTRACE]}}}]
            """).Findings();

        Assert.Equal("spec.initContainers[0].securityContext.privileged", Assert.Single(findings, f => f.RuleId == "KP002").Target.FieldPath);
        Assert.Equal("debugger", Assert.Single(findings, f => f.RuleId == "KP007").Target.Container);
        Assert.Equal(["init"], findings.Where(f => f.RuleId == "KP016").Select(f => f.Target.Container));
    }

    [Fact]
    public void Secret_values_never_reach_a_finding()
    {
        var findings = PodAudit.Text("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: app
                image: a:1
                env:
                - {name: API_TOKEN, value: "tok-123456789-very-secret"}
                - {name: UPSTREAM, value: "https://user:pa55word@example.com/"}
            """).Findings().Where(f => f.RuleId == "KP019").ToList();

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f =>
        {
            Assert.DoesNotContain("very-secret", f.Evidence!.Observed + f.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("pa55word", f.Evidence!.Observed + f.Message, StringComparison.Ordinal);
            Assert.Contains("masked", f.Evidence!.Observed, StringComparison.Ordinal);
        });
    }
}
