using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Kubernetes.ControlPlane;

namespace ContainerSecurity.Engine.Tests.Kubernetes.ControlPlane;

/// <summary>Every control-plane, node and namespace rule against its fixtures (tests/fixtures/cluster/&lt;RuleId&gt;/).</summary>
public sealed class ClusterConfigFixtureTests
{
    public static TheoryData<string, string> Fixtures() => RuleFixtures.Of("cluster");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_passes_or_fails_its_rule(string ruleId, string fixture) =>
        RuleFixtures.AssertOutcome(ruleId, fixture, ClusterConfigAuditRunner.RunFiles(RuleFixtures.FullPath(fixture)));

    [Fact]
    public void Every_automated_cluster_rule_has_a_pass_and_a_fail_fixture() =>
        RuleFixtures.AssertEveryRuleHasPassAndFail("cluster", ClusterConfigAudit.RuleIds.Where(id => RuleCatalog.Default[id].Mode == CheckMode.Automated));
}
