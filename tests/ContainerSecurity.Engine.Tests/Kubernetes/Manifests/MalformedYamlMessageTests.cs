using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Tests.Kubernetes.Credentials;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Manifests;

/// <summary>
/// YamlDotNet 18.1.0 throws a bare InvalidOperationException ("Operation is not valid due to the current state of
/// the object.") for a plain scalar inside [...] or {...} that continues on a line not indented past its block
/// (found by mutating examples/kubernetes/shop.yaml). The error must name file:line:column and say what is wrong.
/// </summary>
public sealed class MalformedYamlMessageTests
{
    // Line 6 continues the flow mapping of line 5 at column 2, less indented than `labels:`.
    private const string Manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {c: dd\n e: f}\nspec:\n  containers: [{name: a, image: a:1}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers: [{name: a, image: a:1}]\n";

    [Fact]
    public void A_flow_collection_continued_at_the_wrong_indentation_is_named_with_file_line_and_column()
    {
        var results = ManifestReader.Read(new StringReader(Manifest), "pod.yaml").ToList();
        var problem = Assert.Single(results, r => r.Problem is not null).Problem!;
        var exception = Assert.IsType<ManifestFormatException>(problem.Exception);
        Assert.Equal((6, 2), (exception.Line, exception.Column));
        Assert.StartsWith("pod.yaml:6:2: Malformed YAML: this line continues a flow collection", exception.Message);
        Assert.DoesNotContain("Operation is not valid", exception.Message);

        // The next document is still read.
        Assert.Equal("ok", Assert.Single(results, r => r.Object is not null).Object!.Name);
    }

    [Fact]
    public void Test_KubeConfig_names_the_same_fault_with_line_and_column()
    {
        var (_, problems) = KubeConfigAuditRunner.RunText("users:\n- name: a\n  user: {token: t\n x: y}\n");
        var message = Assert.Single(problems).Exception.Message;
        Assert.StartsWith("test.kubeconfig:4:2: not valid YAML: this line continues a flow collection", message);
    }
}
