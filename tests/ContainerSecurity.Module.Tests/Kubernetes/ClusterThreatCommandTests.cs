using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests.Kubernetes;

public sealed class ClusterThreatCommandTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _fixtures = Path.Join(TestPaths.Fixtures, "cluster");

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Static_pods_and_kubelet_files_carry_CIS_ids()
    {
        var findings = _session.Invoke($"Get-ClusterThreat -Path '{_fixtures}/KC007/fail.yaml', '{_fixtures}/KC015/fail.yaml' | ForEach-Object {{ $_.RuleId + ' ' + ($_.Cis -join ',') + ' ' + $_.Target.Line }}");

        Assert.Equal(2, findings.Count);
        Assert.Contains("KC007 1.2.1 12", findings.Select(f => f.ToString()));
        Assert.Contains(findings, f => f.ToString()!.StartsWith("KC015 4.2.4 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Namespace_rules_filter_by_wildcard_and_IncludePassed_adds_passes()
    {
        var failures = _session.Invoke($"Get-ClusterThreat -Path '{_fixtures}/KN001/fail.yaml' -RuleId KN*");
        var all = _session.Invoke($"Get-ClusterThreat -Path '{_fixtures}/KN001/fail.yaml' -RuleId KN* -IncludePassed");

        Assert.Equal("KN001", Assert.Single(failures).Properties["RuleId"].Value);
        Assert.Equal(5, all.Count);
    }
}
