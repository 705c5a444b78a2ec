using System.Text;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

public sealed class ManifestReaderTests
{
    private static List<ManifestReadResult> Read(string text, ManifestLimits? limits = null) =>
        ManifestReader.Read(new StringReader(text), "in.yaml", limits).ToList();

    [Fact]
    public void Reads_every_document_with_file_positions()
    {
        var results = Read("""
            apiVersion: v1
            kind: Pod
            metadata: {name: a}
            ---
            # second
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: b
              namespace: shop
            """);

        var objects = results.Select(r => r.Object!).ToList();
        Assert.Equal(["Pod", "Deployment"], objects.Select(o => o.Kind));
        Assert.Equal(1, objects[0].Line);
        Assert.Equal(6, objects[1].Line);
        Assert.Equal("shop", objects[1].Namespace);
        Assert.Equal(9, objects[1].Root["metadata"]!["name"]!.Line);
        Assert.Equal(9, objects[1].Root["metadata"]!["name"]!.Column);
    }

    [Fact]
    public void Hands_out_the_items_of_a_list_kind_even_when_items_come_before_kind()
    {
        var results = Read("""
            apiVersion: v1
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: a}
            - apiVersion: v1
              kind: Pod
              metadata: {name: b}
            kind: List
            metadata: {}
            """);

        Assert.Equal(["a", "b"], results.Select(r => r.Object!.Name));
        Assert.Equal(6, results[1].Object!.Line);
    }

    [Fact]
    public void Reads_json_lists()
    {
        var results = Read("""{"kind":"PodList","apiVersion":"v1","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}]}""");
        Assert.Equal("x", Assert.Single(results).Object!.Name);
    }

    [Fact]
    public void A_malformed_document_is_reported_with_line_and_column_and_the_others_are_read()
    {
        var results = Read("""
            apiVersion: v1
            kind: Pod
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: [b
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: c}
            """);

        var problem = Assert.Single(results, r => r.Problem is not null).Problem!;
        Assert.Equal("InvalidManifestSyntax", problem.ErrorId);
        var error = Assert.IsType<ManifestFormatException>(problem.Exception);
        Assert.Equal("in.yaml", error.File);
        Assert.InRange(error.Line, 7, 8);
        Assert.StartsWith($"in.yaml:{error.Line}:", error.Message);
        Assert.Equal(["a", "c"], results.Where(r => r.Object is not null).Select(r => r.Object!.Name));
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        var bomb = new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        bomb.Append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: after}\n");
        var results = Read(bomb.ToString());

        Assert.Equal(ProblemKind.LimitsExceeded, Assert.Single(results, r => r.Problem is not null).Problem!.Kind);
        Assert.Equal("after", Assert.Single(results, r => r.Object is not null).Object!.Name);
    }

    [Fact]
    public void A_giant_scalar_is_refused()
    {
        var text = "apiVersion: v1\nkind: Pod\nmetadata: {name: \"" + new string('x', 5000) + "\"}\n";
        var results = Read(text, new ManifestLimits { MaxCharsPerEvent = 1000 });
        Assert.Equal(ProblemKind.LimitsExceeded, Assert.Single(results).Problem!.Kind);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var text = "apiVersion: v1\nkind: Pod\nx: " + new string('[', 300) + new string(']', 300) + "\n";
        Assert.Equal(ProblemKind.LimitsExceeded, Assert.Single(Read(text)).Problem!.Kind);
    }

    [Fact]
    public void Merge_keys_are_honoured_and_own_keys_win()
    {
        var results = Read("""
            base: &base {kind: Pod, apiVersion: v1, metadata: {name: base}}
            ---
            <<: {kind: Pod, apiVersion: v1, metadata: {name: merged}}
            metadata: {name: own}
            """);
        Assert.Equal("own", Assert.Single(results, r => r.Object is not null).Object!.Name);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_the_file()
    {
        var bytes = Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\nx: ").Concat(new byte[] { 0xC3, 0x28, 0x0A }).ToArray();
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, true));
        var results = ManifestReader.Read(reader, "bad.yaml").ToList();
        // Text is decoded in blocks, so documents in the same block as the bad bytes are lost with them.
        Assert.Equal("InvalidManifestEncoding", results[^1].Problem!.ErrorId);
        Assert.Contains("bad.yaml", results[^1].Problem!.Exception.Message);
    }

    [Fact]
    public void Documents_without_kind_are_skipped_not_errors()
    {
        var result = Assert.Single(Read("replicaCount: 3\nimage: {tag: 1.0}\n"));
        Assert.Null(result.Problem);
        Assert.Contains("not a Kubernetes object", result.Skipped);
    }

    [Fact]
    public void Document_end_markers_and_empty_documents_are_handled()
    {
        var results = Read("---\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n...\n---\n# only a comment\n");
        Assert.Equal("a", Assert.Single(results).Object!.Name);
    }
}
