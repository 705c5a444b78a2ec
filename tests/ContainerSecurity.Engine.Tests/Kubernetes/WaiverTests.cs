using ContainerSecurity.Engine.Kubernetes;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

/// <summary>Waiver annotations: scope, expiry, malformed values.</summary>
public sealed class WaiverTests
{
    private static List<Finding> Audit(string annotations, string containers = "[{name: app, image: a:1, securityContext: {privileged: true}}, {name: side, image: b:1, securityContext: {privileged: true}}]") =>
        PodAudit.Text($"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: agent
              annotations:
                {annotations}
            spec:
              template:
                spec:
                  containers: {containers}
            """, new PodThreatScanOptions { Today = new DateTime(2026, 11, 23), RuleFilter = id => id is "KP002" or "KP039" }).Findings();

    [Fact]
    public void A_workload_waiver_marks_every_container_waived_and_keeps_the_findings()
    {
        var findings = Audit("waiver.containersecurity.io/KP002: \"Device plugin needs it (SEC-1); expires=2026-12-31\"");
        var privileged = findings.Where(f => f.RuleId == "KP002").ToList();
        Assert.Equal(2, privileged.Count);
        Assert.All(privileged, f =>
        {
            Assert.True(f.IsWaived);
            Assert.Equal("Device plugin needs it (SEC-1)", f.Waiver!.Reason);
            Assert.Equal(new DateTime(2026, 12, 31), f.Waiver.Expires);
            Assert.Equal("waiver.containersecurity.io/KP002", f.Waiver.DeclaredIn);
        });
        Assert.DoesNotContain(findings, f => f.RuleId == "KP039");
    }

    [Fact]
    public void A_container_waiver_waives_only_that_container()
    {
        var findings = Audit("waiver.containersecurity.io/KP002.side: \"Sidecar reads devices; expires=2026-12-31\"");
        Assert.Equal(["app:False", "side:True"], findings.Where(f => f.RuleId == "KP002").Select(f => $"{f.Target.Container}:{f.IsWaived}"));
    }

    [Fact]
    public void A_waiver_is_good_through_its_expiry_date()
    {
        var findings = Audit("waiver.containersecurity.io/KP002: \"Until today; expires=2026-11-23\"");
        Assert.All(findings.Where(f => f.RuleId == "KP002"), f => Assert.True(f.IsWaived));
    }

    [Fact]
    public void An_expired_waiver_waives_nothing_and_is_reported()
    {
        var findings = Audit("waiver.containersecurity.io/KP002: \"Migration pending; expires=2026-01-31\"");
        Assert.All(findings.Where(f => f.RuleId == "KP002"), f =>
        {
            Assert.False(f.IsWaived);
            Assert.True(f.Waiver!.IsExpired);
        });
        var expired = Assert.Single(findings, f => f.RuleId == "KP039");
        Assert.Equal(FindingStatus.Warn, expired.Status);
        Assert.Contains("expired on 2026-01-31", expired.Message);
        Assert.Equal("metadata.annotations['waiver.containersecurity.io/KP002']", expired.Target.FieldPath);
        Assert.Equal(6, expired.Target.Line);
    }

    [Theory]
    [InlineData("waiver.containersecurity.io/KP002: \"no expiry\"", "expires=")]
    [InlineData("waiver.containersecurity.io/KP002: \"reason; expires=31.12.2026\"", "not a date")]
    [InlineData("waiver.containersecurity.io/KP999: \"reason; expires=2026-12-31\"", "names no rule")]
    [InlineData("waiver.containersecurity.io/KP002.ghost: \"reason; expires=2026-12-31\"", "no container 'ghost'")]
    public void A_malformed_waiver_waives_nothing_and_is_reported(string annotation, string reason)
    {
        var findings = Audit(annotation);
        Assert.All(findings.Where(f => f.RuleId == "KP002"), f => Assert.False(f.IsWaived));
        Assert.Contains(reason, Assert.Single(findings, f => f.RuleId == "KP039").Message);
    }

    [Fact]
    public void Waivers_on_the_pod_template_count_too()
    {
        var findings = PodAudit.Text("""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: backup}
            spec:
              jobTemplate:
                spec:
                  template:
                    metadata:
                      annotations: {waiver.containersecurity.io/KP002: "Snapshot needs it; expires=2099-01-01"}
                    spec:
                      containers: [{name: app, image: a:1, securityContext: {privileged: true}}]
            """).Findings();
        var finding = Assert.Single(findings, f => f.RuleId == "KP002");
        Assert.True(finding.IsWaived);
        Assert.Equal("spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged", finding.Target.FieldPath);
    }
}
