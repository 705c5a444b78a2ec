using ContainerSecurity.Engine.Kubernetes;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

/// <summary>The Pod Security Standards level from the Pod Security Admission controls.</summary>
public sealed class PodSecurityLevelTests
{
    private static readonly PodThreatScanOptions s_levels = new() { PodSecurityLevel = true };

    private static PodSecurityAssessment Assess(string spec) =>
        Assert.Single(PodAudit.Text($"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{Indent(spec)}", s_levels).OfType<PodSecurityAssessmentEvent>()).Assessment;

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "  " + l));

    private const string Restricted = """
        securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
        containers:
        - name: app
          image: app:1
          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}
        """;

    [Fact]
    public void A_hardened_pod_is_restricted()
    {
        var assessment = Assess(Restricted);
        Assert.Equal(PodSecurityLevel.Restricted, assessment.Level);
        Assert.Empty(assessment.BaselineViolations);
        Assert.Empty(assessment.RestrictedViolations);
    }

    [Fact]
    public void The_hardened_fixture_deployment_is_restricted()
    {
        var events = PodAudit.Files(Path.Join(TestPaths.Fixtures, "kubernetes", "KP001", "pass.yaml"), s_levels);
        Assert.Equal(PodSecurityLevel.Restricted, Assert.Single(events.OfType<PodSecurityAssessmentEvent>()).Assessment.Level);
    }

    [Fact]
    public void An_empty_pod_is_baseline_with_every_restricted_control_named()
    {
        var assessment = Assess("containers:\n- name: app\n  image: app:1");
        Assert.Equal(PodSecurityLevel.Baseline, assessment.Level);
        Assert.Equal(
            ["allowPrivilegeEscalation", "capabilities_restricted", "runAsNonRoot", "seccompProfile_restricted"],
            assessment.RestrictedViolations.Select(v => v.Split(':')[0]).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("hostNetwork: true", "hostNamespaces")]
    [InlineData("hostPID: true", "hostNamespaces")]
    [InlineData("securityContext: {sysctls: [{name: kernel.msgmax, value: '1'}]}", "sysctls")]
    [InlineData("securityContext: {seLinuxOptions: {type: spc_t}}", "seLinuxOptions")]
    [InlineData("securityContext: {seLinuxOptions: {user: system_u}}", "seLinuxOptions")]
    [InlineData("securityContext: {seccompProfile: {type: Unconfined}}", "seccompProfile_baseline")]
    [InlineData("securityContext: {appArmorProfile: {type: Unconfined}}", "appArmorProfile")]
    [InlineData("securityContext: {windowsOptions: {hostProcess: true}}", "windowsHostProcess")]
    [InlineData("volumes: [{name: h, hostPath: {path: /etc}}]", "hostPathVolumes")]
    public void A_pod_level_baseline_violation_makes_it_privileged(string field, string control)
    {
        var assessment = Assess(field + "\ncontainers:\n- name: app\n  image: app:1");
        Assert.Equal(PodSecurityLevel.Privileged, assessment.Level);
        Assert.Contains(assessment.BaselineViolations, v => v.StartsWith(control + ":", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("securityContext: {privileged: true}", "privileged")]
    [InlineData("securityContext: {capabilities: {add: [SYS_ADMIN]}}", "capabilities_baseline")]
    [InlineData("securityContext: {procMount: Unmasked}", "procMount")]
    [InlineData("ports: [{containerPort: 80, hostPort: 80}]", "hostPorts")]
    [InlineData("livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}", "hostProbesAndHostLifecycle")]
    [InlineData("lifecycle: {preStop: {tcpSocket: {host: example.com, port: 80}}}", "hostProbesAndHostLifecycle")]
    public void A_container_baseline_violation_makes_it_privileged(string field, string control)
    {
        var assessment = Assess("containers:\n- name: app\n  image: app:1\n  " + field);
        Assert.Equal(PodSecurityLevel.Privileged, assessment.Level);
        Assert.Contains(assessment.BaselineViolations, v => v.StartsWith(control + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Capabilities_of_the_baseline_list_stay_baseline()
    {
        var assessment = Assess("containers:\n- name: app\n  image: app:1\n  securityContext: {capabilities: {add: [CHOWN, NET_BIND_SERVICE]}}");
        Assert.Equal(PodSecurityLevel.Baseline, assessment.Level);
    }

    [Fact]
    public void Restricted_controls_apply_to_init_and_ephemeral_containers()
    {
        var assessment = Assess(Restricted + "\ninitContainers:\n- name: init\n  image: app:1\n  securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, runAsUser: 0}");
        Assert.Equal(PodSecurityLevel.Baseline, assessment.Level);
        Assert.Equal(["runAsUser: spec.initContainers[0].securityContext.runAsUser"], assessment.RestrictedViolations);
    }

    [Fact]
    public void Restricted_volume_types_are_checked()
    {
        var assessment = Assess(Restricted + "\nvolumes: [{name: n, nfs: {server: s, path: /}}]");
        Assert.Equal(["restrictedVolumes: spec.volumes[0].nfs"], assessment.RestrictedViolations);
    }

    [Fact]
    public void Windows_pods_are_exempt_from_the_linux_only_restricted_controls()
    {
        var assessment = Assess("os: {name: windows}\nsecurityContext: {runAsNonRoot: true}\ncontainers:\n- name: app\n  image: app:1");
        Assert.Equal(PodSecurityLevel.Restricted, assessment.Level);
    }

    [Fact]
    public void A_container_may_rely_on_the_pod_level_runAsNonRoot_but_not_override_it_with_false()
    {
        var assessment = Assess(Restricted.Replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: false, runAsNonRoot: false", StringComparison.Ordinal));
        Assert.Equal(["runAsNonRoot: spec.containers[0].securityContext.runAsNonRoot"], assessment.RestrictedViolations);
    }
}
