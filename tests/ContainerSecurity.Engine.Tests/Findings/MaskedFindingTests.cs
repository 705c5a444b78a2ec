using System.Text.Json;
using System.Text.Json.Nodes;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Engine.Tests.Docker.Daemon;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Findings;

/// <summary>
/// The leaks the secret sweep found, closed where every finding and setting is made: a registry URL with a password
/// in daemon.json (DD005), a -H tcp://user:password@ flag (DD007), a health check with curl -u (DC026).
/// </summary>
public sealed class MaskedFindingTests
{
    [Fact]
    public async Task Daemon_findings_and_settings_never_quote_a_password_from_daemon_json_or_the_flags()
    {
        using var tree = new TestHostTree();
        tree.Write("/etc/docker/daemon.json", "{ \"insecure-registries\": [\"http://user:reg-Secret-1@registry:5000\"] }");
        var options = new DaemonAuditOptions { Root = tree.Root, DaemonArguments = ["-H tcp://admin:host-Secret-2@0.0.0.0:2375"] };

        var (findings, problems) = DaemonAuditRunner.Run(options);
        var (settings, _) = await DaemonAudit.GetSettingsAsync(options, CancellationToken.None);

        Assert.Equal(FindingStatus.Fail, Assert.Single(findings, f => f.RuleId == "DD005").Status);
        Assert.Contains("http://user@registry:5000", Assert.Single(findings, f => f.RuleId == "DD005").Message, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Fail, Assert.Single(findings, f => f.RuleId == "DD007").Status);
        var text = JsonSerializer.Serialize(new { findings, settings, problems = problems.Select(p => p.Exception.Message) });
        Assert.DoesNotContain("reg-Secret-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("host-Secret-2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_health_check_with_curl_u_is_quoted_without_its_password()
    {
        var container = JsonNode.Parse(File.ReadAllText(Path.Join(TestPaths.Fixtures, "docker-containers", "DC005", "fail.json")))!.AsArray()[0]!.DeepClone();
        container["Config"]!["Healthcheck"] = new JsonObject { ["Test"] = new JsonArray("CMD-SHELL", "curl -u a:hc-Secret-3 localhost") };
        var file = Path.Join(Directory.CreateTempSubdirectory("cs-mask").FullName, "inspect.json");
        File.WriteAllText(file, new JsonArray(container).ToJsonString());

        var finding = Assert.Single(
            ContainerScanner.ScanInspectFile(file, new() { IncludePassed = true, RuleIds = new HashSet<string> { "DC026" } }, CancellationToken.None).OfType<FindingEvent>()).Finding;

        Assert.Equal(FindingStatus.Pass, finding.Status);
        Assert.Contains("curl -u a:********", finding.Evidence!.Observed, StringComparison.Ordinal);
        Assert.DoesNotContain("hc-Secret-3", JsonSerializer.Serialize(finding), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_of_a_finding_goes_through_the_one_masking_function()
    {
        var finding = FindingFactory.Create(
            "DD007",
            FindingStatus.Fail,
            new FindingTarget { Host = "tcp://ops:t-Secret-4@10.0.0.5:2375", Name = "https://u:t-Secret-5@api" },
            "Listening on tcp://ops:t-Secret-4@10.0.0.5:2375",
            new Evidence("--password t-Secret-6", "expected", "from -DaemonArgument -H tcp://ops:t-Secret-4@x"),
            "dockerd --tlsverify -H tcp://ops:t-Secret-4@0.0.0.0:2376");

        var text = JsonSerializer.Serialize(finding);
        foreach (var secret in new[] { "t-Secret-4", "t-Secret-5", "t-Secret-6" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal("tcp://ops@10.0.0.5:2375", finding.Target.Host);
    }
}
