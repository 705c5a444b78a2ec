using ContainerSecurity.Engine.Kubernetes.Rbac;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Rbac;

/// <summary>Every RBAC rule against its pass and fail fixtures (tests/fixtures/rbac/&lt;RuleId&gt;/).</summary>
public sealed class RbacFixtureTests
{
    public static TheoryData<string, string> Fixtures() => RuleFixtures.Of("rbac");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_passes_or_fails_its_rule(string ruleId, string fixture) =>
        RuleFixtures.AssertOutcome(ruleId, fixture, RbacAuditRunner.RunFiles(RuleFixtures.FullPath(fixture)));

    [Fact]
    public void Every_RBAC_rule_has_a_pass_and_a_fail_fixture() => RuleFixtures.AssertEveryRuleHasPassAndFail("rbac", RbacAudit.RuleIds);
}
