using ContainerSecurity.Engine.Kubernetes.Credentials;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Credentials;

public sealed class KubeConfigContextsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubeconfig-contexts").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Join(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Merges_files_as_kubectl_does_the_first_file_naming_a_context_wins_and_missing_files_are_skipped()
    {
        // KUBECONFIG=missing:a:b kubectl config get-contexts lists dev (cluster first) and qa (cluster second).
        var first = Write("a.yaml", "apiVersion: v1\nkind: Config\ncontexts:\n- name: dev\n  context: {cluster: first, user: u}\n");
        var second = Write("b.yaml", "apiVersion: v1\nkind: Config\ncontexts:\n- name: dev\n  context: {cluster: second, user: u}\n- name: qa\n  context: {cluster: second, user: u}\n");

        var contexts = KubeConfigContexts.Read([Path.Join(_folder, "missing.yaml"), first, second]);

        Assert.Equal(
            [new KubeConfigContext("dev", "first", "u"), new KubeConfigContext("qa", "second", "u")],
            contexts);
    }

    [Fact]
    public void A_file_that_is_not_a_kubeconfig_throws_with_its_position()
    {
        var broken = Write("broken.yaml", "contexts: [\n- name: dev\n");

        var error = Assert.Throws<KubeConfigFormatException>(() => KubeConfigContexts.Read([broken]));

        Assert.StartsWith(broken + ":", error.Message, StringComparison.Ordinal);
    }
}
