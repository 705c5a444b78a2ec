using ContainerSecurity.Engine.Kubernetes.Sources;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Manifests;

/// <summary>
/// YamlDotNet 18.1.0 refuses a literal block scalar whose first line holds only spaces, more than the parent's
/// indentation ("found extra spaces in first line"); YAML 1.2 (§8.1.1.1) allows leading empty lines up to the
/// content's indentation, and PyYAML 6.0.3 and kubectl 1.32 read them. The values below are what both print.
/// </summary>
public sealed class BlockScalarTests
{
    // The shape of istio samples/addons/loki.yaml (helm output): `config.yaml: |` then a line of four spaces.
    private const string Loki = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loki\ndata:\n  config.yaml: |\n    \n    auth_enabled: false\n    b: 1\n";

    [Fact]
    public void A_literal_block_scalar_whose_first_line_holds_only_its_indentation_is_read()
    {
        var result = Assert.Single(ManifestReader.Read(new StringReader(Loki), "loki.yaml"));
        Assert.Null(result.Problem);

        // python3 -c 'import yaml; print(yaml.safe_load(open("loki.yaml")))' and kubectl both give this value.
        Assert.Equal("\nauth_enabled: false\nb: 1\n", result.Object!.Root["data"]!["config.yaml"]!.Text);
    }

    [Theory]
    [InlineData("|", "  \n    x\n    y\n", "\nx\ny\n")]
    [InlineData("|", "   \n    x\n", "\nx\n")]
    [InlineData("|-", "    \n    \n    x\n", "\n\nx")]
    [InlineData(">", "    \n    x\n    y\n", "\nx y\n")]
    [InlineData("|", "    \r\n    x\r\n", "\nx\n")]
    public void Leading_blank_lines_up_to_the_content_indentation_are_indentation(string header, string body, string expected)
    {
        var text = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: {header}\n{body}";
        var result = Assert.Single(ManifestReader.Read(new StringReader(text), "c.yaml"));
        Assert.Null(result.Problem);
        Assert.Equal(expected, result.Object!.Root["data"]!["k"]!.Text);
    }

    [Theory]
    [InlineData("    a\n      \n      b\n", "a\n  \n  b\n")]
    [InlineData("    echo a |\n      \n      grep b\n", "echo a |\n  \n  grep b\n")]
    [InlineData("    x: |\n       \n       b\n", "x: |\n   \n   b\n")]
    public void Spaces_inside_a_literal_scalar_beyond_its_indentation_stay_content(string body, string expected)
    {
        // A line ending in "|" inside a literal is content, not a header: the blank lines after it are kept.
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: |\n" + body;
        var result = Assert.Single(ManifestReader.Read(new StringReader(text), "c.yaml"));
        Assert.Equal(expected, result.Object!.Root["data"]!["k"]!.Text);
    }

    [Fact]
    public void A_leading_blank_line_with_more_spaces_than_the_content_is_still_an_error()
    {
        // YAML 1.2 forbids it, and PyYAML and kubectl ("did not find expected key") refuse it as well.
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: |\n      \n    x\n";
        var result = Assert.Single(ManifestReader.Read(new StringReader(text), "c.yaml"));
        Assert.NotNull(result.Problem);
        Assert.Contains("Malformed YAML", result.Problem!.Exception.Message);
    }

    [Fact]
    public void The_workaround_keeps_line_numbers()
    {
        var text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: |\n      \n      x\nspec:\n  hostPID: true\n  containers: [{name: a, image: a:1}]\n";
        var events = PodAudit.Text(text);
        Assert.Empty(events.Problems());
        Assert.Equal(10, Assert.Single(events.Findings(), f => f.RuleId == "KP010").Target.Line);
    }
}
