using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Manifests;

/// <summary>Piped text that is no Kubernetes object is an error that says what came and where files go.</summary>
public sealed class PipelineTextTests
{
    private static List<ManifestReadResult> Piped(string text) =>
        ManifestReader.Read(new StringReader(text), "InputObject", pipelineText: true).ToList();

    [Fact]
    public void A_piped_file_name_is_an_error_that_names_it_and_points_to_Path()
    {
        var problem = Assert.Single(Piped("kubernetes/shop.yaml\n")).Problem;
        Assert.NotNull(problem);
        Assert.Equal("NotKubernetesObject", problem!.ErrorId);
        Assert.Contains("'kubernetes/shop.yaml', which looks like a file name", problem.Exception.Message);
        Assert.Contains("-Path", problem.Exception.Message);
        Assert.StartsWith("InputObject:1:1:", problem.Exception.Message);
    }

    [Theory]
    [InlineData("c2VjcmV0L3Rva2VuL3ZhbHVl\n", "a YAML string of 24 characters")]
    [InlineData("- a\n- b\n", "a YAML list of 2 items")]
    [InlineData("name: x\n", "a YAML mapping without kind and apiVersion")]
    public void Other_piped_text_is_described_never_quoted(string text, string described)
    {
        var problem = Assert.Single(Piped(text)).Problem!;
        Assert.Contains(described, problem.Exception.Message);
        Assert.DoesNotContain(text.Trim(), problem.Exception.Message);
    }

    [Fact]
    public void Comment_only_documents_stay_quiet_and_objects_are_read()
    {
        var results = Piped("# Source: chart/templates/empty.yaml\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
        Assert.Equal("p", Assert.Single(results).Object!.Name);
    }

    [Fact]
    public void In_files_other_yaml_is_still_skipped_quietly()
    {
        var result = Assert.Single(ManifestReader.Read(new StringReader("name: x\n"), "values.yaml"));
        Assert.Null(result.Problem);
        Assert.NotNull(result.Skipped);
    }
}
