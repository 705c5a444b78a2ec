using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Completion;

/// <summary>
/// Completes -Section of Test-DockerDaemonConfig with the CIS Docker Benchmark sections its checks belong to (titled
/// as in the benchmark) and the CIS ids of its checks (titled with the rule).
/// </summary>
public sealed class CisSectionCompleter : IArgumentCompleter
{
    // The section titles of the CIS Docker Benchmark 1.6.0 that the daemon checks reach.
    private static readonly Dictionary<string, string> s_sectionTitles = new(StringComparer.Ordinal)
    {
        ["1"] = "Host Configuration",
        ["1.1"] = "Linux Hosts Specific Configuration",
        ["1.2"] = "General Configuration",
        ["2"] = "Docker daemon configuration",
        ["3"] = "Docker daemon configuration files",
        ["4"] = "Container Images and Build File Configuration",
        ["5"] = "Container Runtime Configuration",
        ["6"] = "Docker Security Operations",
        ["7"] = "Docker Swarm Configuration",
    };

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var matches = CompletionWords.Matcher(wordToComplete);
            return Candidates()
                .Where(candidate => matches(candidate.Id))
                .OrderBy(candidate => Version(candidate.Id))
                .Select(candidate => CompletionWords.Result(candidate.Id, $"{candidate.Id} — {candidate.Title}", candidate.Title))
                .ToList();
        }
        catch (Exception)
        {
            return [];
        }
    }

    private static IEnumerable<(string Id, string Title)> Candidates()
    {
        var checks = DaemonAudit.RuleIds
            .Select(id => RuleCatalog.Default[id])
            .SelectMany(rule => rule.Cis.Select(cis => (Id: cis, rule.Title)))
            .DistinctBy(check => check.Id, StringComparer.Ordinal)
            .ToList();

        // Every section above a check id: 1.1.2 lies in 1.1 and in 1.
        var sections = checks
            .SelectMany(check => Enumerable.Range(1, check.Id.Count(c => c == '.')).Select(depth => string.Join('.', check.Id.Split('.').Take(depth))))
            .Distinct(StringComparer.Ordinal)
            .Where(id => !checks.Any(check => check.Id == id))
            .Select(id => (Id: id, Title: s_sectionTitles.GetValueOrDefault(id, $"CIS section {id}")));
        return sections.Concat(checks);
    }

    private static Version Version(string cisId) => System.Version.TryParse(cisId.Contains('.', StringComparison.Ordinal) ? cisId : cisId + ".0", out var version) ? version : new Version(0, 0);
}
