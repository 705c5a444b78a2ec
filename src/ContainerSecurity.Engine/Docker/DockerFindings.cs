using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Docker;

/// <summary>Turns <see cref="CheckResult"/>s into finding events for one subject.</summary>
internal static class DockerFindings
{
    /// <summary>Whether a result is written: passes and not-applicable results only when asked for.</summary>
    public static bool Wanted(CheckResult result, bool includePassed) =>
        includePassed || result.Status is not (FindingStatus.Pass or FindingStatus.NotApplicable);

    // Rules quote command lines, health checks and URLs from what they inspect; FindingFactory masks whatever
    // credentials those carry, as it does for every finding.
    public static FindingEvent ToEvent(CheckResult result, FindingTarget target, string evidenceSource) =>
        new(FindingFactory.Create(
            result.RuleId,
            result.Status,
            target,
            result.Message,
            new Evidence(result.Observed, result.Expected, evidenceSource),
            severity: result.Severity));
}
