using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests;

/// <summary>
/// The fixture convention the per-area tests share: <c>tests/fixtures/&lt;area&gt;/&lt;RuleId&gt;/pass*</c> must not fail
/// the rule, <c>fail*</c> must, and neither may be reported as bad input.
/// </summary>
internal static class RuleFixtures
{
    /// <summary>(rule id, fixture path relative to tests/fixtures) for every fixture of an area.</summary>
    public static TheoryData<string, string> Of(string area, string pattern = "*.yaml")
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Join(TestPaths.Fixtures, area), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetRelativePath(TestPaths.Fixtures, file));
        }

        return data;
    }

    public static string FullPath(string fixture) => Path.Join(TestPaths.Fixtures, fixture);

    public static void AssertOutcome(string ruleId, string fixture, (List<Finding> Findings, List<ScanProblem> Problems) result)
    {
        Assert.Empty(result.Problems);
        var ofRule = result.Findings.Where(f => f.RuleId == ruleId).ToList();
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

    public static void AssertEveryRuleHasPassAndFail(string area, IEnumerable<string> ruleIds, string extension = ".yaml")
    {
        foreach (var ruleId in ruleIds)
        {
            var folder = Path.Join(TestPaths.Fixtures, area, ruleId);
            Assert.True(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "pass*" + extension).Any(), $"{ruleId} has no pass fixture");
            Assert.True(Directory.EnumerateFiles(folder, "fail*" + extension).Any(), $"{ruleId} has no fail fixture");
        }
    }
}
