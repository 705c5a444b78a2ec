using ContainerSecurity.Engine.Kubernetes.Credentials;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Kubernetes.Credentials;

/// <summary>Runs the kubeconfig audit to the end on a fixed clock and sorts what it reported.</summary>
internal static class KubeConfigAuditRunner
{
    /// <summary>The clock the certificate fixtures were made for.</summary>
    public static readonly DateTimeOffset FixtureClock = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static (List<Finding> Findings, List<ScanProblem> Problems) Run(IReadOnlyList<KubeConfigInput> inputs, KubeConfigAuditOptions? options = null)
    {
        var findings = new List<Finding>();
        var problems = new List<ScanProblem>();
        var events = KubeConfigAudit.RunAsync(inputs, options ?? new KubeConfigAuditOptions { Now = FixtureClock });
        var enumerator = events.GetAsyncEnumerator();
        while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            switch (enumerator.Current)
            {
                case FindingEvent { Finding: var finding }:
                    findings.Add(finding);
                    break;
                case ProblemEvent { Problem: var problem }:
                    problems.Add(problem);
                    break;
            }
        }

        return (findings, problems);
    }

    public static (List<Finding> Findings, List<ScanProblem> Problems) RunText(string text, string? directory = null, KubeConfigAuditOptions? options = null) =>
        Run([KubeConfigInput.FromText(text, "test.kubeconfig", directory)], options);
}
