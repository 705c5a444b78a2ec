using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

/// <summary>The first screen of the sheet: counts by severity and outcome, the worst open findings, the audit's scope.</summary>
public sealed class CheatSheetSummaryTests
{
    [Fact]
    public void Counts_each_severity_by_outcome_worst_severity_first()
    {
        var summary = SheetRendering.Sheet(
            ReportFindings.PodFail(severity: Severity.Critical), ReportFindings.PodFail(name: "b", severity: Severity.Critical),
            ReportFindings.PodPass(), ReportFindings.PodWaived(), ReportFindings.ClusterError()).Summary;

        Assert.Equal([Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info], summary.BySeverity.Select(r => r.Severity));
        var critical = summary.BySeverity[0];
        Assert.Equal((2, 0, 0), (critical.Failed, critical.Waived, critical.Passed));
        var kp001 = summary.BySeverity.Single(r => r.Severity == ReportFindings.PodPass().Severity);
        Assert.Equal((0, 1, 1), (kp001.Failed, kp001.Waived, kp001.Passed));
        Assert.Equal(1, summary.BySeverity.Sum(r => r.NotEvaluated));
        Assert.Equal(5, summary.BySeverity.Sum(r => r.Total));
    }

    [Fact]
    public void Lists_the_ten_worst_open_findings_and_never_a_waived_or_passed_one()
    {
        var findings = Enumerable.Range(1, 14).Select(i => ReportFindings.PodFail(name: $"w{i:00}", severity: i <= 3 ? Severity.Critical : Severity.Low))
            .Append(ReportFindings.PodWaived()).Append(ReportFindings.PodPass()).Append(ReportFindings.ContainerFail())
            .ToArray();

        var worst = SheetRendering.Sheet(findings).Summary.WorstFindings;

        Assert.Equal(10, worst.Count);
        // DC005 (the privileged container db) is Critical too, and its rule id sorts first.
        Assert.Equal(["db", "w01", "w02", "w03"], worst.Take(4).Select(f => f.Target.Name));
        Assert.True(worst.Zip(worst.Skip(1)).All(p => p.First.Severity >= p.Second.Severity));
        Assert.DoesNotContain(worst, f => f.IsWaived || f.Status == FindingStatus.Pass);
    }

    [Fact]
    public void Counts_files_objects_containers_and_hosts_from_the_targets()
    {
        var scope = SheetRendering.Sheet(
            ReportFindings.PodFail(), ReportFindings.PodFail(line: 9, ruleId: "KP002"), ReportFindings.PodFail(container: "sidecar"),
            ReportFindings.PodPass(), ReportFindings.DaemonPass(), ReportFindings.ContainerFail(), ReportFindings.ContainerFail("cache"),
            ReportFindings.ClusterError()).Summary.Scope;

        // Files: k8s/web.yaml, k8s/api.yaml. Objects: shop/Deployment/web, shop/Deployment/api, ClusterRoleBinding/ops.
        // Containers: web[nginx], web[sidecar], api[api], and the Docker containers db and cache. Hosts: the socket.
        Assert.Equal(new AuditScope(Files: 2, Objects: 3, Containers: 5, Hosts: 1), scope);
    }

    [Fact]
    public void A_sheet_without_findings_has_an_empty_summary()
    {
        var summary = SheetRendering.Sheet().Summary;

        Assert.All(summary.BySeverity, r => Assert.Equal(0, r.Total));
        Assert.Empty(summary.WorstFindings);
        Assert.Equal(new AuditScope(0, 0, 0, 0), summary.Scope);
    }
}
