using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Waivers;
using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>
/// Where checks report: builds each finding with its target (file:line:column or namespace/kind/name, container,
/// field path) and the waiver that applies. Passed results are only built when asked for, to keep audits cheap.
/// </summary>
internal sealed class PodCheckContext(WorkloadView workload, WaiverSet waivers, bool includePassed, Func<string, bool> ruleSelected)
{
    private readonly List<Finding> _findings = [];

    /// <summary>The findings reported so far.</summary>
    public List<Finding> Findings => _findings;

    /// <summary>Whether the rule is selected (-RuleId filter).</summary>
    public bool IsSelected(string ruleId) => ruleSelected(ruleId);

    /// <summary>Reports a violation.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="container">The container, or <see langword="null"/> for pod-level findings.</param>
    /// <param name="fieldPath">The offending field (present or missing).</param>
    /// <param name="node">The offending node, when present; else the nearest parent (for the position).</param>
    /// <param name="message">What is wrong, in one sentence.</param>
    /// <param name="observed">The value seen (never a secret value).</param>
    /// <param name="expected">The value wanted.</param>
    public void Fail(string ruleId, ContainerView? container, string fieldPath, ManifestNode? node, string message, string observed, string expected) =>
        Add(ruleId, FindingStatus.Fail, container, fieldPath, node, message, new Evidence(observed, expected, Source(node)));

    /// <summary>Reports that the workload (or container) satisfies the rule.</summary>
    public void Pass(string ruleId, ContainerView? container, string fieldPath, ManifestNode? node, string message)
    {
        if (includePassed)
        {
            Add(ruleId, FindingStatus.Pass, container, fieldPath, node, message, null);
        }
    }

    /// <summary>Reports pass or fail by a condition, for checks that are one comparison.</summary>
    public void Report(bool failed, string ruleId, ContainerView? container, string fieldPath, ManifestNode? node, string failMessage, string passMessage, string observed, string expected)
    {
        if (failed)
        {
            Fail(ruleId, container, fieldPath, node, failMessage, observed, expected);
        }
        else
        {
            Pass(ruleId, container, fieldPath, node, passMessage);
        }
    }

    /// <summary>Adds a finding that a check built itself (waiver findings).</summary>
    public void Add(Finding finding) => _findings.Add(finding);

    /// <summary>The target of a finding about <paramref name="container"/> at <paramref name="fieldPath"/>.</summary>
    public FindingTarget Target(ContainerView? container, string fieldPath, ManifestNode? node)
    {
        var (line, column) = workload.Position(node, container?.Node, workload.Spec);
        var source = workload.Object;
        return new FindingTarget
        {
            File = source.IsLive ? null : source.File,
            Line = line,
            Column = column,
            Namespace = source.Namespace,
            Kind = source.Kind,
            Name = source.Name,
            Container = container?.Name,
            FieldPath = fieldPath,
        };
    }

    private void Add(string ruleId, FindingStatus status, ContainerView? container, string fieldPath, ManifestNode? node, string message, Evidence? evidence)
    {
        var waiver = status == FindingStatus.Fail ? waivers.Find(ruleId, container?.Name) : null;
        _findings.Add(FindingFactory.Create(ruleId, status, Target(container, fieldPath, node), message, evidence, waiver: waiver));
    }

    private string Source(ManifestNode? node) =>
        workload.Object.IsLive ? "live object" : node is { Line: > 0 } ? $"{workload.Object.File}:{node.Line}" : "default (field not set)";
}
