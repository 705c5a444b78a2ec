using ContainerSecurity.Engine.Kubernetes.Credentials;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Credentials;

/// <summary>Every kubeconfig rule against its pass and fail fixtures (tests/fixtures/kubeconfig/&lt;RuleId&gt;/).</summary>
public sealed class KubeConfigFixtureTests
{
    public static TheoryData<string, string> Fixtures() => RuleFixtures.Of("kubeconfig");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_passes_or_fails_its_rule(string ruleId, string fixture) =>
        RuleFixtures.AssertOutcome(ruleId, fixture, KubeConfigAuditRunner.Run([KubeConfigInput.FromFile(RuleFixtures.FullPath(fixture))]));

    [Fact]
    public void Every_kubeconfig_rule_has_a_pass_and_a_fail_fixture() => RuleFixtures.AssertEveryRuleHasPassAndFail("kubeconfig", KubeConfigAudit.RuleIds);
}
