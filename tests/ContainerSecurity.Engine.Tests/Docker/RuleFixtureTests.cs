using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Docker.Dockerfiles;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker;

/// <summary>
/// Every automated DC and DI rule has tests/fixtures/&lt;area&gt;/&lt;RuleId&gt;/pass.* and fail.*: the rule reports
/// nothing failing for pass and at least one Fail or Warn for fail, and nothing in either file is malformed.
/// </summary>
public sealed class RuleFixtureTests
{
    public static TheoryData<string> ContainerRules() => Automated("DC");

    public static TheoryData<string> DockerfileRules() => Automated("DI");

    [Theory]
    [MemberData(nameof(ContainerRules))]
    public void ContainerRuleFixtures(string ruleId)
    {
        var folder = Path.Join(TestPaths.Fixtures, "docker-containers", ruleId);
        Check(ruleId, file => ContainerScanner.ScanInspectFile(Path.Join(folder, file + ".json"), new ContainerScanOptions { IncludePassed = true, RuleIds = new HashSet<string> { ruleId } }, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(DockerfileRules))]
    public void DockerfileRuleFixtures(string ruleId)
    {
        var folder = Path.Join(TestPaths.Fixtures, "dockerfiles", ruleId);
        Check(ruleId, file => DockerfileScanner.ScanFile(Path.Join(folder, file + ".Dockerfile"), new DockerfileScanOptions { IncludePassed = true, RuleIds = new HashSet<string> { ruleId } }));
    }

    private static void Check(string ruleId, Func<string, IEnumerable<ScanEvent>> scan)
    {
        var pass = scan("pass").ToList();
        var fail = scan("fail").ToList();
        Assert.Empty(pass.OfType<ProblemEvent>());
        Assert.Empty(fail.OfType<ProblemEvent>());

        var passFindings = pass.OfType<FindingEvent>().Select(e => e.Finding).ToList();
        var failFindings = fail.OfType<FindingEvent>().Select(e => e.Finding).ToList();
        Assert.All(passFindings.Concat(failFindings), f => Assert.Equal(ruleId, f.RuleId));
        Assert.NotEmpty(passFindings);
        Assert.DoesNotContain(passFindings, f => f.Status is FindingStatus.Fail or FindingStatus.Warn);
        Assert.Contains(failFindings, f => f.Status is FindingStatus.Fail or FindingStatus.Warn);
    }

    private static TheoryData<string> Automated(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.Default.Rules.Where(r => r.Id.StartsWith(prefix, StringComparison.Ordinal) && r.Mode == CheckMode.Automated))
        {
            data.Add(rule.Id);
        }

        return data;
    }
}
