using ContainerSecurity.Engine.Kubernetes;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

/// <summary>
/// One answer for pod-level and container-level settings: where the Pod Security Standards judge both levels
/// (seccomp and AppArmor at baseline, runAsNonRoot and runAsUser at restricted), a bad pod-level value fails the KP
/// rule even when every container overrides it, as -PodSecurityLevel reports it; KP004 says what each level holds.
/// </summary>
public sealed class PodContainerLevelTests
{
    private const string Header = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n";

    [Fact]
    public void Pod_level_Unconfined_seccomp_fails_KP023_even_when_the_container_sets_RuntimeDefault()
    {
        var yaml = Header + "  securityContext:\n    seccompProfile: {type: Unconfined}\n  containers:\n  - name: c\n    image: a:1\n    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n";
        var finding = Assert.Single(PodAudit.Text(yaml).Findings(), f => f.RuleId == "KP023");
        Assert.Equal("spec.securityContext.seccompProfile.type", finding.Target.FieldPath);
        Assert.Equal(6, finding.Target.Line);
        Assert.DoesNotContain(PodAudit.Text(yaml).Findings(), f => f.RuleId == "KP022");

        // The Pod Security Standards view of the same pod says the same.
        var assessment = PodAudit.Text(yaml, new PodThreatScanOptions { PodSecurityLevel = true }).OfType<PodSecurityAssessmentEvent>().Single().Assessment;
        Assert.Contains("seccompProfile_baseline: spec.securityContext.seccompProfile.type", assessment.BaselineViolations);
    }

    [Fact]
    public void Pod_level_Unconfined_inherited_by_a_container_is_reported_once_on_the_container()
    {
        var yaml = Header + "  securityContext:\n    seccompProfile: {type: Unconfined}\n  containers:\n  - name: c\n    image: a:1\n";
        var finding = Assert.Single(PodAudit.Text(yaml).Findings(), f => f.RuleId == "KP023");
        Assert.Equal("c", finding.Target.Container);
    }

    [Fact]
    public void Pod_level_Unconfined_AppArmor_fails_KP024_even_when_the_container_sets_RuntimeDefault()
    {
        var yaml = Header + "  securityContext:\n    appArmorProfile: {type: Unconfined}\n  containers:\n  - name: c\n    image: a:1\n    securityContext:\n      appArmorProfile: {type: RuntimeDefault}\n";
        var finding = Assert.Single(PodAudit.Text(yaml).Findings(), f => f.RuleId == "KP024");
        Assert.Null(finding.Target.Container);
        Assert.Equal("spec.securityContext.appArmorProfile.type", finding.Target.FieldPath);
    }

    [Fact]
    public void Pod_level_runAsNonRoot_false_and_runAsUser_0_fail_when_every_container_overrides_them()
    {
        var yaml = Header + "  securityContext:\n    runAsNonRoot: false\n    runAsUser: 0\n  containers:\n  - name: c\n    image: a:1\n    securityContext:\n      runAsNonRoot: true\n      runAsUser: 1000\n";
        var findings = PodAudit.Text(yaml).Findings();
        Assert.Equal("spec.securityContext.runAsNonRoot", Assert.Single(findings, f => f.RuleId == "KP004").Target.FieldPath);
        Assert.Equal("spec.securityContext.runAsUser", Assert.Single(findings, f => f.RuleId == "KP005").Target.FieldPath);
    }

    [Theory]
    [InlineData("  securityContext: {runAsNonRoot: true}\n", "runAsNonRoot: false", "runAsNonRoot is false on the container and true on the pod")]
    [InlineData("", "runAsNonRoot: false", "runAsNonRoot is false on the container and not set on the pod")]
    [InlineData("  securityContext: {runAsNonRoot: false}\n", "", "runAsNonRoot is not set on the container and false on the pod")]
    [InlineData("", "", "runAsNonRoot is not set on the container and not set on the pod")]
    public void KP004_says_what_each_level_holds(string pod, string container, string expected)
    {
        var yaml = Header + pod + "  containers:\n  - name: c\n    image: a:1\n" + (container.Length == 0 ? string.Empty : $"    securityContext:\n      {container}\n");
        var finding = Assert.Single(PodAudit.Text(yaml).Findings(), f => f.RuleId == "KP004");
        Assert.Contains(expected, finding.Message);
        Assert.DoesNotContain("at pod and container level", finding.Message);
    }
}
