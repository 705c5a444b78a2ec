using ContainerSecurity.Engine.Kubernetes.ControlPlane;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Kubernetes.ControlPlane;

/// <summary>Every control-plane, node and namespace rule against its fixtures (tests/fixtures/cluster/&lt;RuleId&gt;/).</summary>
public sealed class ClusterConfigFixtureTests
{
    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Join(TestPaths.Fixtures, "cluster"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetRelativePath(TestPaths.Fixtures, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_passes_or_fails_its_rule(string ruleId, string fixture)
    {
        var (findings, problems) = ClusterConfigAuditRunner.RunFiles(Path.Join(TestPaths.Fixtures, fixture));

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
    public void Every_automated_cluster_rule_has_a_pass_and_a_fail_fixture()
    {
        foreach (var ruleId in ClusterConfigAudit.RuleIds.Where(id => ContainerSecurity.Engine.Catalog.RuleCatalog.Default[id].Mode == CheckMode.Automated))
        {
            var folder = Path.Join(TestPaths.Fixtures, "cluster", ruleId);
            Assert.True(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "pass*.yaml").Any(), $"{ruleId} has no pass fixture");
            Assert.True(Directory.EnumerateFiles(folder, "fail*.yaml").Any(), $"{ruleId} has no fail fixture");
        }
    }
}
