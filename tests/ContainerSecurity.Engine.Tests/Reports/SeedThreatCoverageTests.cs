using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

/// <summary>
/// Every threat of shared/reference/seed-threats.md (the documents the project started from) is on the cheat sheet:
/// each row names the rules that carry it and a word that must appear in them, so a rule renumbered or rewritten
/// away from its threat fails here.
/// </summary>
public sealed class SeedThreatCoverageTests
{
    public static TheoryData<string, string[], string> SeedThreats => new()
    {
        // Docker, by STRIDE.
        { "Docker spoofing: NET_RAW lets a container craft raw packets", ["DC003"], "NET_RAW" },
        { "Docker tampering: the TLS CA certificate can be replaced", ["DF009", "DF010"], "CA certificate" },
        { "Docker information disclosure: API keys and passwords leak from containers and images", ["DC031", "DI011", "DI012", "DC013"], "secret" },
        { "Docker denial of service: no memory limit", ["DC011", "DC012", "DC027"], "memory" },
        { "Docker elevation of privilege: unnecessary packages widen the attack surface", ["DI004", "DI005"], "install" },
        // Kubernetes, by STRIDE.
        { "Kubernetes spoofing: every pod gets CAP_NET_RAW", ["KP001", "KP009"], "NET_RAW" },
        { "Kubernetes repudiation: client certificates cannot be revoked", ["KC001", "KC009"], "revoke" },
        { "Kubernetes denial of service: no upper memory limit", ["KP016", "KN002", "KN003"], "memory" },
        { "Kubernetes information disclosure: secrets through RBAC, logs, eavesdropping", ["KR002", "KR003", "KM001", "KM002", "KN001"], "Secrets" },
        { "Kubernetes elevation of privilege: unauthenticated management ports, path to cluster-admin", ["KC022", "KC013", "KC007", "KC018", "KC021", "KM003", "KR001"], "cluster-admin" },
        // docker-bench failures called out.
        { "Logging level is not info", ["DD003"], "log level" },
        { "Containers are not restricted from acquiring new privileges", ["DD014"], "no-new-privileges" },
        { "Content trust is not enabled", ["DD019"], "DOCKER_CONTENT_TRUST" },
        // The working session's list.
        { "Insufficient authentication protection: password policy, brute force, username enumeration", ["DM001", "DM002", "DM003"], "password" },
        { "Information disclosure of usernames", ["DM004"], "username" },
        { "Insider threat", ["DM005"], "Insider" },
        { "A tamper-proof Dockerfile", ["DM008"], "tamper" },
        { "Sensitive data in the Dockerfile or image", ["DI011", "DI012"], "secret" },
        { "Dangerous commands on boot", ["DI013"], "remote script" },
        { "Run = access: the docker group", ["DD020"], "docker group" },
        { "docker inspect reveals configuration and secrets", ["DM010"], "docker inspect" },
        { "Exposing the daemon socket", ["DC030", "DD007", "KP015"], "socket" },
        { "Segregation of duties not enforced", ["DM006"], "Segregation of duties" },
        { "Users able to mass-download images", ["DM007"], "mass-download" },
        { "Awareness of the latest tag", ["DI002", "KP031"], "latest" },
        { "Escalation of privilege: container to host to cluster", ["DM009"], "container to host to cluster" },
    };

    private static readonly Lazy<string> s_markdown = new(() =>
    {
        using var writer = new StringWriter();
        MarkdownCheatSheetWriter.Write(CheatSheetBuilder.Build(RuleCatalog.Default, [], new CheatSheetOptions()), writer);
        return writer.ToString();
    });

    [Theory]
    [MemberData(nameof(SeedThreats))]
    public void Each_seed_threat_is_on_the_sheet_with_its_rules(string threat, string[] ruleIds, string keyword)
    {
        var rules = ruleIds.Select(id => RuleCatalog.Default[id]).ToList();
        Assert.True(
            rules.Any(r => (r.Title + " " + r.Description + " " + r.Exploitation + " " + r.Remediation).Contains(keyword, StringComparison.OrdinalIgnoreCase)),
            $"None of {string.Join(", ", ruleIds)} speaks of '{keyword}' for the seed threat: {threat}");

        var markdown = s_markdown.Value;
        foreach (var rule in rules)
        {
            var heading = $"##### {rule.Id} · {rule.Title}";
            var first = markdown.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(first >= 0, $"{rule.Id} is not under 'What can go wrong?' ({threat})");
            Assert.True(markdown.IndexOf(heading, first + 1, StringComparison.Ordinal) > first, $"{rule.Id} has no mitigation entry ({threat})");
        }
    }
}
