using System.Text.Json;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Tests.Infrastructure;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

/// <summary>
/// Every DD and DF rule against its fixtures in tests/fixtures/docker-daemon/&lt;RuleId&gt;/: pass*.json must pass,
/// fail*.json must fail (or reach the fixture's expectedStatus). A fixture lays out a host tree under a temporary
/// root with real owners and modes, a daemon.json, flags, and optionally a live daemon's answers.
/// </summary>
public sealed class DaemonRuleFixtureTests
{
    private static readonly string s_fixtures = Path.Join(TestPaths.Fixtures, "docker-daemon");

    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var directory in Directory.EnumerateDirectories(s_fixtures).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(directory), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Fact]
    public void Every_automated_DD_and_DF_rule_is_checked_and_has_a_pass_and_a_fail_fixture()
    {
        var automated = RuleCatalog.Default.Rules
            .Where(r => r.Mode == CheckMode.Automated && (r.Id.StartsWith("DD", StringComparison.Ordinal) || r.Id.StartsWith("DF", StringComparison.Ordinal)))
            .Select(r => r.Id)
            .ToList();

        Assert.Equal(automated.Order(StringComparer.Ordinal), DaemonAudit.RuleIds.Distinct().Order(StringComparer.Ordinal));
        Assert.All(automated, id =>
        {
            var files = Directory.EnumerateFiles(Path.Join(s_fixtures, id)).Select(Path.GetFileName).ToList();
            Assert.Contains(files, f => f!.StartsWith("pass", StringComparison.Ordinal));
            Assert.Contains(files, f => f!.StartsWith("fail", StringComparison.Ordinal));
        });
    }

    [SkippableTheory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_gets_its_expected_status(string ruleId, string fixture)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Join(s_fixtures, ruleId, fixture)));
        var spec = document.RootElement;
        var passing = fixture.StartsWith("pass", StringComparison.Ordinal);
        var expected = spec.TryGetProperty("expectedStatus", out var status) ? Enum.Parse<FindingStatus>(status.GetString()!) : passing ? FindingStatus.Pass : FindingStatus.Fail;
        if (spec.TryGetProperty("files", out _))
        {
            Requires.Root("ownership fixtures");
        }

        using var tree = new TestHostTree();
        var options = Prepare(spec, tree);
        var (findings, problems) = DaemonAuditRunner.Run(options with { IncludeRule = id => id == ruleId });

        Assert.Empty(problems);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(ruleId, f.RuleId));
        if (passing)
        {
            Assert.All(findings, f => Assert.True(f.Status == expected, $"{f.Status}: {f.Message}"));
        }
        else
        {
            Assert.Contains(findings, f => f.Status == expected);
            Assert.All(findings.Where(f => f.Status == expected), f => Assert.False(string.IsNullOrWhiteSpace(f.Remediation)));
        }

        if (spec.TryGetProperty("expectedSeverity", out var severity))
        {
            Assert.Contains(findings, f => f.Severity.ToString() == severity.GetString());
        }
    }

    private static DaemonAuditOptions Prepare(JsonElement spec, TestHostTree tree)
    {
        if (spec.TryGetProperty("daemonJson", out var daemonJson))
        {
            tree.Write("/etc/docker/daemon.json", daemonJson.GetRawText());
        }

        if (spec.TryGetProperty("files", out var files))
        {
            tree.Apply(files);
        }

        if (spec.TryGetProperty("group", out var group))
        {
            tree.Write("/etc/group", group.GetString()!);
        }

        if (spec.TryGetProperty("environment", out var environment))
        {
            tree.Write("/etc/environment", environment.GetString()!);
        }

        return new DaemonAuditOptions
        {
            Root = tree.Root,
            DaemonArguments = spec.TryGetProperty("flags", out var flags) ? flags.EnumerateArray().Select(f => f.GetString()!).ToList() : null,
            TrustedUsers = spec.TryGetProperty("trustedUsers", out var trusted) ? trusted.EnumerateArray().Select(f => f.GetString()!).ToList() : null,
            Live = spec.TryGetProperty("live", out var live) ? FakeLiveDaemon.From(live) : null,
        };
    }
}
