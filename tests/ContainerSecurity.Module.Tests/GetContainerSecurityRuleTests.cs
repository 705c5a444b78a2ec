using ContainerSecurity.Module.Tests;

namespace ContainerSecurity.Module.Tests;

public sealed class GetContainerSecurityRuleTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Filters_by_stride_compose_with_Where_Object()
    {
        var rules = _session.Invoke("Get-ContainerSecurityRule -Stride Spoofing | Where-Object Severity -eq 'High'");

        Assert.NotEmpty(rules);
        Assert.Contains(rules, r => (string)r.Properties["Id"].Value == "KP001");
        Assert.All(rules, r => Assert.Equal("High", r.Properties["Severity"].Value.ToString()));
        Assert.All(rules, r => Assert.Contains("Spoofing", ((Array)r.Properties["Stride"].Value).Cast<object>().Select(s => s.ToString())));
    }

    [Fact]
    public void Id_accepts_wildcards_and_every_filter_narrows_the_result()
    {
        var all = _session.Invoke("Get-ContainerSecurityRule").Count;
        var kubernetes = _session.Invoke("Get-ContainerSecurityRule -Id 'K*'");
        var narrowed = _session.Invoke("Get-ContainerSecurityRule -Id 'K*' -Platform Kubernetes -Severity High,Critical -Mode Automated -Asset Pod");

        Assert.True(kubernetes.Count < all);
        Assert.All(kubernetes, r => Assert.StartsWith("K", (string)r.Properties["Id"].Value));
        Assert.NotEmpty(narrowed);
        Assert.True(narrowed.Count <= kubernetes.Count);
    }

    [Fact]
    public void Findings_pipe_into_it_by_RuleId_and_each_rule_is_written_once()
    {
        var rules = _session.Invoke("@([pscustomobject]@{ RuleId = 'KP001' }, [pscustomobject]@{ RuleId = 'kp001' }) | Get-ContainerSecurityRule");

        var rule = Assert.Single(rules);
        Assert.Equal("KP001", rule.Properties["Id"].Value);
        Assert.Contains("ContainerSecurity.SecurityRule", rule.TypeNames);
    }

    [Fact]
    public void An_unknown_id_is_a_non_terminating_error_and_the_other_ids_are_still_returned()
    {
        var (output, errors) = _session.Run("Get-ContainerSecurityRule -Id NOPE999, KP001");

        Assert.Single(output);
        var error = Assert.Single(errors);
        Assert.Equal("RuleNotFound,ContainerSecurity.Commands.GetContainerSecurityRuleCommand", error.FullyQualifiedErrorId);
        Assert.Contains("NOPE999", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_render_as_a_table_with_the_modules_view()
    {
        var (exitCode, output, error) = ShellOutput.Run("Get-ContainerSecurityRule -Id KP001");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Matches(@"Id\s+Severity\s+Platform\s+Stride\s+Mode\s+Title", output);
        Assert.Matches(@"KP001\s+High\s+Kubernetes\s+Spoofing\s+Automated\s+Container does not drop the NET_RAW", output);
    }
}
