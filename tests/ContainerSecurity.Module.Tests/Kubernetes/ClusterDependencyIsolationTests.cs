using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests.Kubernetes;

public sealed class ClusterDependencyIsolationTests
{
    [Fact]
    public void The_cluster_cmdlets_parse_YAML_with_their_own_YamlDotNet_after_a_foreign_one_is_loaded()
    {
        // What powershell-yaml does: YamlDotNet 11 in the default load context, before our module is imported.
        Assert.Equal("b", new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<string, string>>("a: b")["a"]);
        using var session = new ModuleSession();
        var fixtures = TestPaths.Fixtures;

        Assert.Equal("KC004", Assert.Single(session.Invoke($"Test-KubeConfig -Path '{fixtures}/kubeconfig/KC004/fail.yaml'")).Properties["RuleId"].Value);
        Assert.Equal("KR001", Assert.Single(session.Invoke($"Get-RbacThreat -Path '{fixtures}/rbac/KR001/fail.yaml'")).Properties["RuleId"].Value);
        Assert.Equal("KC018", Assert.Single(session.Invoke($"Get-ClusterThreat -Path '{fixtures}/cluster/KC018/fail.yaml'")).Properties["RuleId"].Value);
        Assert.NotEmpty(session.Invoke($"Get-RbacPermission -Path '{fixtures}/rbac/KR002/fail.yaml'"));
    }
}
