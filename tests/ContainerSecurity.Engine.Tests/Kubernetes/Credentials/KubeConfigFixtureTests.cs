using ContainerSecurity.Engine.Kubernetes.Credentials;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Credentials;

/// <summary>Every kubeconfig rule against its pass and fail fixtures (tests/fixtures/kubeconfig/&lt;RuleId&gt;/).</summary>
public sealed class KubeConfigFixtureTests
{
    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Join(TestPaths.Fixtures, "kubeconfig"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetRelativePath(TestPaths.Fixtures, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_passes_or_fails_its_rule(string ruleId, string fixture)
    {
        var (findings, problems) = KubeConfigAuditRunner.Run([KubeConfigInput.FromFile(Path.Join(TestPaths.Fixtures, fixture))]);

        Assert.Empty(problems);
        var ofRule = findings.Where(f => f.RuleId == ruleId).ToList();
        Assert.NotEmpty(ofRule);
        if (Path.GetFileName(fixture).StartsWith("pass", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(ofRule, f => f.Status == FindingStatus.Fail);
        }
        else
        {
            Assert.Contains(ofRule, f => f.Status == FindingStatus.Fail);
        }
    }

    [Fact]
    public void Every_kubeconfig_rule_has_a_pass_and_a_fail_fixture()
    {
        foreach (var ruleId in KubeConfigAudit.RuleIds)
        {
            var folder = Path.Join(TestPaths.Fixtures, "kubeconfig", ruleId);
            Assert.True(Directory.EnumerateFiles(folder, "pass*.yaml").Any(), $"{ruleId} has no pass fixture");
            Assert.True(Directory.EnumerateFiles(folder, "fail*.yaml").Any(), $"{ruleId} has no fail fixture");
        }
    }
}
