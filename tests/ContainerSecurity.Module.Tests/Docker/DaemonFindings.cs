using System.Collections.ObjectModel;
using System.Management.Automation;

namespace ContainerSecurity.Module.Tests.Docker;

/// <summary>Reads Test-DockerDaemonConfig output by rule id.</summary>
internal static class DaemonFindings
{
    public static PSObject Single(Collection<PSObject> findings, string ruleId) =>
        Assert.Single(findings, f => (string)f.Properties["RuleId"].Value == ruleId);

    public static string Status(Collection<PSObject> findings, string ruleId) => Single(findings, ruleId).Properties["Status"].Value.ToString()!;

    public static string Message(Collection<PSObject> findings, string ruleId) => (string)Single(findings, ruleId).Properties["Message"].Value;

    /// <summary>Asserts the status of each rule, reporting all mismatches with their messages at once.</summary>
    public static void AssertStatuses(Collection<PSObject> findings, params (string RuleId, string Status)[] expected)
    {
        var mismatches = expected
            .Where(e => Status(findings, e.RuleId) != e.Status)
            .Select(e => $"{e.RuleId}: expected {e.Status}, got {Status(findings, e.RuleId)} — {Message(findings, e.RuleId)}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }
}
