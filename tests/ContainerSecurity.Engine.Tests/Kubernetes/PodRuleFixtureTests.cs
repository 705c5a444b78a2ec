using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Kubernetes;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

/// <summary>Every automated KP rule against its fixtures: each fail.* violates it, each pass.* does not.</summary>
public sealed class PodRuleFixtureTests
{
    private static string Root => Path.Join(TestPaths.Fixtures, "kubernetes");

    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var directory in Directory.GetDirectories(Path.Join(TestPaths.RepositoryRoot, "tests", "fixtures", "kubernetes")).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(directory), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_outcome_matches_its_name(string ruleId, string file)
    {
        var events = PodAudit.Files(Path.Join(Root, ruleId, file));
        Assert.Empty(events.Problems());
        var violations = events.Findings().Where(f => f.RuleId == ruleId && f.Status is FindingStatus.Fail or FindingStatus.Warn).ToList();
        if (file.StartsWith("fail", StringComparison.Ordinal))
        {
            var finding = Assert.Single(violations);
            Assert.NotNull(finding.Target.FieldPath);
            Assert.NotNull(finding.Target.Line);
            Assert.EndsWith(file, finding.Target.File);
        }
        else
        {
            Assert.Empty(violations);
        }
    }

    [Fact]
    public void Every_automated_KP_rule_is_implemented_and_has_pass_and_fail_fixtures()
    {
        var automated = RuleCatalog.Default.Rules.Where(r => r.Id.StartsWith("KP", StringComparison.Ordinal) && r.Mode == CheckMode.Automated).Select(r => r.Id).ToList();
        Assert.Equal(automated.Order(StringComparer.Ordinal), PodThreatScanner.RuleIds.Distinct().Order(StringComparer.Ordinal));
        foreach (var id in automated)
        {
            var files = Directory.GetFiles(Path.Join(Root, id)).Select(Path.GetFileName).ToList();
            Assert.Contains(files, f => f!.StartsWith("pass", StringComparison.Ordinal));
            Assert.Contains(files, f => f!.StartsWith("fail", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_hardened_deployment_fails_nothing_and_passes_every_rule_when_asked()
    {
        var events = PodAudit.Files(Path.Join(Root, "KP001", "pass.yaml"));
        Assert.DoesNotContain(events.Findings(), f => f.Status != FindingStatus.Pass);

        var passed = PodAudit.Files(Path.Join(Root, "KP003", "pass.yaml"), new PodThreatScanOptions { IncludePassed = true, Today = new DateTime(2026, 11, 23) }).Findings();
        Assert.All(passed, f => Assert.Equal(FindingStatus.Pass, f.Status));
        Assert.Equal(PodThreatScanner.RuleIds.Where(r => r != "KP039").Order(StringComparer.Ordinal), passed.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal));
    }
}
