using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

/// <summary>Runs the daemon audit to the end and splits what it reported.</summary>
internal static class DaemonAuditRunner
{
    public static (List<Finding> Findings, List<ScanProblem> Problems) Run(DaemonAuditOptions options)
    {
        var findings = new List<Finding>();
        var problems = new List<ScanProblem>();
        var events = DaemonAudit.RunAsync(options, CancellationToken.None).GetAsyncEnumerator();
        while (events.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            switch (events.Current)
            {
                case FindingEvent finding:
                    findings.Add(finding.Finding);
                    break;
                case ProblemEvent problem:
                    problems.Add(problem.Problem);
                    break;
            }
        }

        return (findings, problems);
    }
}
