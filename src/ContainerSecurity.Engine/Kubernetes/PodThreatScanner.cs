using ContainerSecurity.Engine.Kubernetes.Checks;
using ContainerSecurity.Engine.Kubernetes.PodSecurity;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Waivers;
using ContainerSecurity.Engine.Kubernetes.Workloads;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes;

/// <summary>
/// Audits Kubernetes objects one at a time, whatever their source: pod specs of every workload kind go through the
/// KP checks (or the Pod Security Standards evaluator), with waivers applied; other kinds are skipped. Holds nothing
/// per object except what KP021 and KP038 must decide at the end.
/// </summary>
public sealed class PodThreatScanner(PodThreatScanOptions options)
{
    private static readonly IPodCheck[] s_checks =
    [
        new CapabilityChecks(), new PrivilegeChecks(), new UserChecks(), new HostNamespaceChecks(), new VolumeChecks(),
        new ResourceChecks(), new SecretChecks(), new ServiceAccountChecks(), new SeccompChecks(),
        new LinuxSecurityModuleChecks(), new SysctlChecks(), new WindowsHostProcessCheck(), new ImageChecks(), new ProbeHostCheck(),
    ];

    private readonly DisruptionBudgetCheck _budgets = new();
    private readonly ServiceAccountTokenCheck _tokens = new();
    private readonly Func<string, bool> _selected = options.RuleFilter ?? (_ => true);

    /// <summary>The workloads audited so far.</summary>
    public long WorkloadCount { get; private set; }

    /// <summary>The rules this scanner implements.</summary>
    public static IEnumerable<string> RuleIds => s_checks.SelectMany(c => c.RuleIds).Append("KP021").Append("KP038").Append("KP039");

    /// <summary>Audits one result of a source: an object, a problem to pass on, or a skipped item.</summary>
    public IEnumerable<ScanEvent> Audit(ManifestReadResult result)
    {
        if (result.Problem is not null)
        {
            return [new ProblemEvent(result.Problem)];
        }

        if (result.Object is null)
        {
            return result.Skipped is null ? [] : [new VerboseEvent(result.Skipped)];
        }

        return Audit(result.Object);
    }

    /// <summary>Audits one object.</summary>
    public IEnumerable<ScanEvent> Audit(ManifestObject source)
    {
        switch (source.Kind)
        {
            case "PodDisruptionBudget":
                _budgets.AddBudget(source);
                return [];
            case "ServiceAccount":
                _tokens.AddServiceAccount(source);
                return [];
        }

        var workload = WorkloadView.From(source);
        if (workload is not null && source.IsLive && ControllingOwner(source) is { } owner)
        {
            return [new VerboseEvent($"{source}: audited through its controller {owner}; skipped.")];
        }

        if (workload is null && WorkloadKinds.MisplacedInCoreGroup(source.Kind, source.ApiVersion) is { } apiVersion)
        {
            var label = source.File ?? source.ToString();
            return [new ProblemEvent(new ScanProblem("UnknownApiVersion", ProblemKind.InvalidData, $"{label}:{source.Line}",
                new ManifestFormatException(label, source.Line, source.Root.Column,
                    $"{source.Kind} {source.Name}: Kubernetes has no {source.Kind} in apiVersion {source.ApiVersion} ({apiVersion} is meant?) and refuses the object, which was not audited.")))];
        }

        if (workload is null)
        {
            return [new VerboseEvent($"{source}: {source.ApiVersion} {source.Kind} {source.Name} runs no pods; skipped.")];
        }

        if (workload.IsUnreadable)
        {
            return workload.Problems.Select(p => (ScanEvent)new ProblemEvent(p)).ToList();
        }

        WorkloadCount++;
        var waivers = WaiverSet.Read(workload, options.Today);
        var context = new PodCheckContext(workload, waivers, options.IncludePassed, _selected);
        var events = new List<ScanEvent>();
        if (options.PodSecurityLevel)
        {
            events.Add(new PodSecurityAssessmentEvent(PodSecurityEvaluator.Assess(workload, context.Target(null, workload.SpecPath, workload.Spec))));
        }
        else
        {
            foreach (var check in s_checks)
            {
                if (check.RuleIds.Any(_selected))
                {
                    check.Evaluate(workload, context);
                }
            }

            if (_selected("KP021"))
            {
                _tokens.Evaluate(workload, waivers, context, options.IncludePassed);
            }

            if (_selected("KP038"))
            {
                _budgets.Evaluate(workload, waivers, context, options.IncludePassed);
            }

            if (_selected("KP039"))
            {
                WaiverCheck.Evaluate(workload, waivers, context);
            }

            foreach (var finding in context.Findings)
            {
                if (_selected(finding.RuleId))
                {
                    events.Add(new FindingEvent(finding));
                }
            }
        }

        // Wrong field types are reported after the findings they affected.
        foreach (var problem in workload.Problems)
        {
            events.Add(new ProblemEvent(problem));
        }

        return events;
    }

    // A live Pod made by a ReplicaSet, a ReplicaSet made by a Deployment, a Job made by a CronJob: the controller's
    // template is audited (and fixed) instead, so each finding is reported once, where it can be fixed.
    private static string? ControllingOwner(ManifestObject source)
    {
        if (source.Root["metadata"]?["ownerReferences"] is not ManifestSequence owners)
        {
            return null;
        }

        foreach (var owner in owners.Items)
        {
            if (owner["controller"]?.Text == "true" && owner["kind"]?.Text is { } kind && WorkloadKinds.All.Contains(kind))
            {
                return $"{kind}/{owner["name"]?.Text}";
            }
        }

        return null;
    }

    /// <summary>What can only be decided once the input has ended (KP038 and its PodDisruptionBudgets).</summary>
    public IEnumerable<ScanEvent> Complete() =>
        options.PodSecurityLevel ? [] : _tokens.Complete().Concat(_budgets.Complete()).Select(f => (ScanEvent)new FindingEvent(f));
}
