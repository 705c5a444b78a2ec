using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Catalog;

public sealed class RuleCatalogTests
{
    [Fact]
    public void Every_embedded_rule_document_parses()
    {
        var rules = RuleCatalog.Default.Rules.ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            Assert.NotEmpty(rule.Stride);
            Assert.False(string.IsNullOrWhiteSpace(rule.Description));
            Assert.False(string.IsNullOrWhiteSpace(rule.Exploitation));
            Assert.False(string.IsNullOrWhiteSpace(rule.Remediation));
        });
    }

    [Fact]
    public void Every_rule_document_in_docs_is_in_the_catalog_and_the_other_way_round()
    {
        var documents = Directory.GetFiles(Path.Join(TestPaths.RepositoryRoot, "docs", "rules"), "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(documents, RuleCatalog.Default.Rules.Select(r => r.Id));
    }

    [Fact]
    public void Remediation_code_blocks_become_snippets_and_leave_the_prose()
    {
        var rule = RuleCatalog.Default["KP001"];

        var snippet = Assert.Single(rule.Snippets);
        Assert.Equal("yaml", snippet.Language);
        Assert.Contains("drop: [\"ALL\"]", snippet.Code, StringComparison.Ordinal);
        Assert.DoesNotContain("```", rule.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void References_use_known_sources_and_MITRE_ids_get_links()
    {
        var rule = RuleCatalog.Default["KP001"];

        Assert.Contains(rule.References, r => r.Source == "CIS Kubernetes" && r.Id == "5.2.8");
        Assert.Contains(rule.References, r => r.Url == "https://attack.mitre.org/techniques/T1557/");
        Assert.Equal(["5.2.8"], rule.Cis);
    }

    [Fact]
    public void A_malformed_document_is_reported_with_its_name_and_line()
    {
        const string text = "---\nid: XX001\ntitle: t\nplatform: Docker\nasset: Nowhere\nstride: [Spoofing]\nseverity: High\ncheck: Manual\n---\n# t\n## Description\nd\n## Exploitation\ne\n## Remediation\nr\n";

        var error = Assert.Throws<InvalidDataException>(() => RuleCatalog.Parse([("XX001.md", text)]));

        Assert.Contains("XX001.md:2: 'asset: Nowhere' is not one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_front_matter_yaml_names_the_line_of_the_file()
    {
        const string text = "---\nid: XX001\ntitle: [unclosed\n---\n# t\n";

        var error = Assert.Throws<InvalidDataException>(() => RuleCatalog.Parse([("XX001.md", text)]));

        Assert.Matches(@"XX001\.md:[34]: ", error.Message);
    }

    [Theory]
    [InlineData("## Notes\nn\n", "unexpected section '## Notes'")]
    [InlineData("", "the section '## Remediation' is missing or empty")]
    public void Sections_must_be_the_three_known_ones(string extra, string problem)
    {
        var text = "---\nid: XX001\ntitle: t\nplatform: Docker\nasset: Daemon\nstride: [Spoofing]\nseverity: High\ncheck: Manual\n---\n# t\n## Description\nd\n## Exploitation\ne\n" + extra;

        var error = Assert.Throws<InvalidDataException>(() => RuleCatalog.Parse([("XX001.md", text)]));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_that_does_not_match_the_file_name_is_rejected()
    {
        const string text = "---\nid: XX002\ntitle: t\nplatform: Docker\nasset: Daemon\nstride: [Spoofing]\nseverity: High\ncheck: Manual\n---\n# t\n## Description\nd\n## Exploitation\ne\n## Remediation\nr\n";

        var error = Assert.Throws<InvalidDataException>(() => RuleCatalog.Parse([("XX001.md", text)]));

        Assert.Contains("does not match the file name", error.Message, StringComparison.Ordinal);
    }
}
