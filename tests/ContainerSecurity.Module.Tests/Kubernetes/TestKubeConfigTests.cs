using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests.Kubernetes;

public sealed class TestKubeConfigTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _fixtures = Path.Join(TestPaths.Fixtures, "kubeconfig");

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Writes_only_failures_by_default_and_every_result_with_IncludePassed()
    {
        var failures = _session.Invoke($"Test-KubeConfig -Path '{_fixtures}/KC003/fail*.yaml'");
        var all = _session.Invoke($"Test-KubeConfig -Path '{_fixtures}/KC003/fail*.yaml' -IncludePassed");

        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Equal("Fail", f.Properties["Status"].Value.ToString()));
        Assert.Contains(failures, f => (string)f.Properties["RuleId"].Value == "KC003");
        Assert.True(all.Count > failures.Count);
        Assert.Contains(all, f => f.Properties["Status"].Value.ToString() == "Pass");
    }

    [Fact]
    public void Files_from_Get_ChildItem_bind_by_PSPath()
    {
        // What Get-ChildItem writes, reduced to the property that binds (the hosted engine has no Get-ChildItem).
        var findings = _session.Invoke($"[pscustomobject]@{{ PSPath = 'Microsoft.PowerShell.Core\\FileSystem::{_fixtures}/KC004/fail.yaml' }} | Test-KubeConfig");

        var finding = Assert.Single(findings);
        Assert.Equal("KC004", finding.Properties["RuleId"].Value);
    }

    [Fact]
    public void Piped_text_lines_are_audited_as_one_document()
    {
        var text = File.ReadAllText(Path.Join(_fixtures, "KC005", "fail.yaml"));

        var findings = _session.Invoke("$text -split \"`n\" | Test-KubeConfig | ForEach-Object { $_.RuleId; $_.Target.File; $_.Target.Line }", new Dictionary<string, object?> { ["text"] = text });

        Assert.Equal(["KC005", "(pipeline input)", "8"], findings.Select(f => f.ToString()));
    }

    [Fact]
    public void Quiet_answers_whether_anything_failed()
    {
        Assert.False((bool)Assert.Single(_session.Invoke($"Test-KubeConfig -Path '{_fixtures}/KC004/fail.yaml' -Quiet")).BaseObject);
        Assert.True((bool)Assert.Single(_session.Invoke($"Test-KubeConfig -Path '{_fixtures}/KC004/pass.yaml' -Quiet")).BaseObject);
    }

    [Fact]
    public void Bad_and_missing_files_are_errors_that_name_them_and_the_rest_is_still_audited()
    {
        var broken = Path.Join(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllText(broken, "users:\n  - name: u\n    user: [\n");
        try
        {
            var (output, errors) = _session.Run($"Test-KubeConfig -LiteralPath '{broken}', '{_fixtures}/nope.yaml', '{_fixtures}/KC004/fail.yaml'");

            Assert.Single(output);
            Assert.Equal(2, errors.Count);
            var invalid = Assert.Single(errors, e => e.FullyQualifiedErrorId.StartsWith("InvalidKubeConfig,", StringComparison.Ordinal));
            Assert.Contains(Path.GetFileName(broken) + ":4:1: not valid YAML", invalid.ToString(), StringComparison.Ordinal);
            Assert.Single(errors, e => e.FullyQualifiedErrorId.StartsWith("PathNotFound,", StringComparison.Ordinal) && e.ToString().Contains("nope.yaml", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void Without_a_path_it_reads_the_files_of_KUBECONFIG()
    {
        var variable = string.Join(Path.PathSeparator, Path.Join(_fixtures, "absent.yaml"), Path.Join(_fixtures, "KC004", "fail.yaml"));

        var findings = _session.Invoke($"$env:KUBECONFIG = '{variable}'; try {{ Test-KubeConfig }} finally {{ $env:KUBECONFIG = $null }}");

        Assert.Equal("KC004", Assert.Single(findings).Properties["RuleId"].Value);
    }

    [Fact]
    public void What_a_user_sees_names_the_rule_and_never_the_secret()
    {
        var (exitCode, output, _) = ShellOutput.Run($"Test-KubeConfig -Path '{_fixtures}/KC003/fail-password.yaml' | Format-List RuleId, Message, Evidence");

        Assert.Equal(0, exitCode);
        Assert.Contains("KC003", output, StringComparison.Ordinal);
        Assert.Contains("masked", output, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cr3t-Passw0rd!", output, StringComparison.Ordinal);
    }
}
