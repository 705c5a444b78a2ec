using System.Text;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

/// <summary>Wrong field types, odd files and folders: reported with their position, and the rest audited.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("podthreat-bad-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_quoted_boolean_is_a_wrong_field_type_reported_with_its_position()
    {
        var events = PodAudit.Text("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: app
                image: a:1
                securityContext:
                  privileged: "yes"
                  runAsUser: root
            """);

        var problems = events.Problems();
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal("InvalidFieldType", p.ErrorId));
        var privileged = Assert.IsType<ManifestFormatException>(problems.Single(p => p.Exception.Message.Contains("privileged", StringComparison.Ordinal)).Exception);
        Assert.Equal((9, 19), (privileged.Line, privileged.Column));
        Assert.Contains("spec.containers[0].securityContext.privileged must be a boolean, not a string", privileged.Message);

        // The rest of the pod is still audited.
        Assert.Contains(events.Findings(), f => f.RuleId == "KP004");
    }

    [Fact]
    public void Yaml_1_1_booleans_are_booleans_as_kubectl_reads_them()
    {
        var events = PodAudit.Text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: yes\n  containers: [{name: a, image: a:1}]\n");
        Assert.Empty(events.Problems());
        Assert.Contains(events.Findings(), f => f.RuleId == "KP012");
    }

    [Fact]
    public void Other_kinds_and_custom_resources_are_skipped_not_errors()
    {
        var events = PodAudit.Text("""
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            ---
            apiVersion: example.com/v1
            kind: Deployment
            metadata: {name: custom}
            spec: {template: {spec: {containers: [{name: a, image: a, securityContext: {privileged: true}}]}}}
            """);
        Assert.Empty(events.Findings());
        Assert.Empty(events.Problems());
        Assert.Equal(2, events.OfType<VerboseEvent>().Count());
    }

    [Fact]
    public void Folders_are_read_recursively_and_bad_files_do_not_stop_the_others()
    {
        Directory.CreateDirectory(Path.Join(_directory, "a", "b"));
        var pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: NAME}\nspec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}\n";
        File.WriteAllText(Path.Join(_directory, "one.yaml"), pod.Replace("NAME", "one", StringComparison.Ordinal));
        File.WriteAllText(Path.Join(_directory, "a", "b", "two.yml"), pod.Replace("NAME", "two", StringComparison.Ordinal));
        File.WriteAllText(Path.Join(_directory, "a", "three.json"), """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"three"},"spec":{"containers":[{"name":"c","image":"i","securityContext":{"privileged":true}}]}}""");
        File.WriteAllText(Path.Join(_directory, "a", "notes.txt"), "not read");
        File.WriteAllBytes(Path.Join(_directory, "a", "binary.yaml"), [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1]);
        File.WriteAllBytes(Path.Join(_directory, "a", "latin1.yaml"), Encoding.Latin1.GetBytes("apiVersion: v1\nkind: Pod\nmetadata: {name: caf\u00e9}\n"));
        File.WriteAllText(Path.Join(_directory, "a", "broken.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n");
        Directory.CreateSymbolicLink(Path.Join(_directory, "a", "b", "loop"), _directory);

        var events = PodAudit.Files(_directory);

        Assert.Equal(["one", "three", "two"], events.Findings().Where(f => f.RuleId == "KP002").Select(f => f.Target.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["BinaryManifestFile", "InvalidManifestEncoding", "InvalidManifestSyntax"],
            events.Problems().Select(p => p.ErrorId).Order(StringComparer.Ordinal));
        Assert.All(events.Problems(), p => Assert.StartsWith(_directory, p.Target));
    }

    [Fact]
    public void A_missing_path_is_reported()
    {
        var problem = Assert.Single(PodAudit.Files(Path.Join(_directory, "nope")).Problems());
        Assert.Equal(ProblemKind.NotFound, problem.Kind);
    }

    [Fact]
    public void A_large_multi_document_file_streams()
    {
        var path = Path.Join(_directory, "large.yaml");
        using (var writer = new StreamWriter(path))
        {
            for (var i = 0; i < 3000; i++)
            {
                writer.Write($"---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}}}\nspec: {{containers: [{{name: c, image: i, securityContext: {{privileged: true}}}}]}}\n");
            }
        }

        var findings = PodAudit.Files(path).Findings().Where(f => f.RuleId == "KP002").ToList();
        Assert.Equal(3000, findings.Count);
        Assert.Equal(5 * 2999 + 5, findings[^1].Target.Line);
    }
}
