using ContainerSecurity.Engine.Kubernetes.Credentials;
using ContainerSecurity.Engine.Tests.Kubernetes.Credentials;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Credentials;

/// <summary>
/// Test-KubeConfig reads as strictly as the manifest reader: a field of the wrong type is an error for its entry,
/// each entry is audited on its own, and a broken file does not stop the others.
/// </summary>
public sealed class KubeConfigStrictnessTests : IDisposable
{
    private const string Entries = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: k
          cluster:
            server: https://k:6443
            insecure-skip-tls-verify: [1]
        users:
        - name: a
          user:
            token: [[1]]
        - name: b
          user: "x"
        - name: c
          user:
            username: u
            password: hunter2
        - user: {}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("kubeconfig-strict-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_token_that_is_a_nested_list_is_an_error_naming_the_entry_and_its_position()
    {
        var (_, problems) = KubeConfigAuditRunner.RunText(Entries);
        var token = Assert.Single(problems, p => p.Exception.Message.Contains("token", StringComparison.Ordinal));
        Assert.StartsWith("test.kubeconfig:11:12: users[0].user.token must be a string, not a list ('a')", token.Exception.Message);
    }

    [Fact]
    public void Each_malformed_entry_is_an_error_of_its_own_and_the_other_entries_are_audited()
    {
        var (findings, problems) = KubeConfigAuditRunner.RunText(Entries);
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Exception.Message.StartsWith("test.kubeconfig:7:31: clusters[0].cluster.insecure-skip-tls-verify must be a boolean", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Exception.Message.StartsWith("test.kubeconfig:13:9: users[1].user ('b') must be a mapping", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Exception.Message.StartsWith("test.kubeconfig:18:3: users[3] has no name", StringComparison.Ordinal));

        // User c is still audited: its plain-text password is found.
        var password = Assert.Single(findings, f => f.RuleId == "KC003" && f.Status == FindingStatus.Fail);
        Assert.Equal("c", password.Target.Name);
    }

    [Fact]
    public void A_broken_file_is_one_error_and_the_next_file_is_audited()
    {
        var broken = Path.Join(_directory, "broken.yaml");
        var good = Path.Join(_directory, "good.yaml");
        File.WriteAllText(broken, "users:\n- name: a\n  user: [b\n");
        File.WriteAllText(good, "users:\n- name: c\n  user:\n    password: hunter2\n");

        var (findings, problems) = KubeConfigAuditRunner.Run([KubeConfigInput.FromFile(broken), KubeConfigInput.FromFile(good)]);
        var problem = Assert.Single(problems);
        Assert.StartsWith(broken + ":4:1: not valid YAML", problem.Exception.Message);
        Assert.Contains(findings, f => f.RuleId == "KC003" && f.Target.File == good);
    }

    [Fact]
    public void A_piped_file_name_gets_a_hint_to_use_Path()
    {
        var (_, problems) = KubeConfigAuditRunner.Run([KubeConfigInput.FromText("kube/config.yaml", "(pipeline input)", null)]);
        Assert.Contains("-Path", Assert.Single(problems).Exception.Message);
    }
}
