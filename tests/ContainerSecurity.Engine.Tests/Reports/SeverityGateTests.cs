using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

public sealed class SeverityGateTests
{
    [Fact]
    public void Only_unwaived_failures_at_or_above_the_minimum_block_worst_first()
    {
        var medium = FindingFactory.Create("KP013", FindingStatus.Fail, new FindingTarget { Name = "a" }, "hostPort", severity: Severity.Medium);
        var warn = FindingFactory.Create("KP004", FindingStatus.Warn, new FindingTarget { Name = "b" }, "may run as root", severity: Severity.High);
        var expired = FindingFactory.Create("KP002", FindingStatus.Fail, new FindingTarget { Name = "c" }, "privileged", severity: Severity.Critical,
            waiver: new Waiver { Reason = "old", Expires = new DateTime(2020, 1, 1), IsExpired = true });
        Finding[] findings = [ReportFindings.PodFail(), ReportFindings.PodWaived(), ReportFindings.PodPass(), ReportFindings.ClusterError(), medium, warn, expired];

        var blocking = SeverityGate.Blocking(findings, Severity.High);

        Assert.Equal(["KP002", "KP001", "KP004"], blocking.Select(f => f.RuleId));
        Assert.Equal(4, SeverityGate.Blocking(findings, Severity.Medium).Count);
        Assert.Empty(SeverityGate.Blocking([ReportFindings.PodWaived(), ReportFindings.PodPass()], Severity.Info));
    }
}
