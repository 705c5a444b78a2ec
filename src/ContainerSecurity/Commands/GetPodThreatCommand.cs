using System.Diagnostics;
using System.Management.Automation;
using ContainerSecurity.Completion;
using ContainerSecurity.Engine.Kubernetes;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Finds threats in Kubernetes workloads: manifest files, YAML or JSON from the pipeline, or a live cluster.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "PodThreat", DefaultParameterSetName = ClusterSet)]
[OutputType(typeof(Finding))]
[OutputType(typeof(PodSecurityAssessment))]
public sealed class GetPodThreatCommand : ContainerSecurityCommandBase, IRuleAudit
{
    /// <summary>The rules of the pod audit: what -RuleId selects among and completes.</summary>
    public static IEnumerable<string> AuditRuleIds => PodThreatScanner.RuleIds;

    /// <summary>The parameter set that reads files and folders, with wildcards.</summary>
    public const string PathSet = "Path";

    /// <summary>The parameter set that reads files and folders named literally.</summary>
    public const string LiteralPathSet = "LiteralPath";

    /// <summary>The parameter set that reads YAML or JSON text from the pipeline.</summary>
    public const string InputObjectSet = "InputObject";

    /// <summary>The parameter set that lists a live cluster.</summary>
    public const string ClusterSet = "Cluster";

    private static readonly TimeSpan s_progressInterval = TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
    private PodThreatScanner? _scanner;
    private PipelineTextAudit? _text;
    private readonly List<string> _namespaces = [];

    /// <summary>Manifest files or folders (searched recursively for .yaml, .yml and .json); wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Manifest files or folders, used exactly as written. Binds from the PSPath of Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>YAML or JSON text: whole documents, or the lines of kubectl or helm output as they arrive.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [AllowEmptyString]
    public string[]? InputObject { get; set; }

    /// <summary>The kubeconfig context to use; the current context when omitted.</summary>
    [Parameter(ParameterSetName = ClusterSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KubeContextCompleter))]
    public string? Context { get; set; }

    /// <summary>The kubeconfig file; $KUBECONFIG or ~/.kube/config when omitted, then the in-cluster service account.</summary>
    [Parameter(ParameterSetName = ClusterSet)]
    [ValidateNotNullOrEmpty]
    public string? KubeConfig { get; set; }

    /// <summary>The namespaces to audit; the context's namespace when omitted.</summary>
    [Parameter(ParameterSetName = ClusterSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Namespace { get; set; }

    /// <summary>Audit every namespace.</summary>
    [Parameter(ParameterSetName = ClusterSet)]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>Only objects whose labels match this Kubernetes label selector, for example <c>app=web,tier!=cache</c>.</summary>
    [Parameter(ParameterSetName = ClusterSet)]
    [ValidateNotNullOrEmpty]
    public string? LabelSelector { get; set; }

    /// <summary>Objects per list request (the API's limit/continue paging).</summary>
    [Parameter(ParameterSetName = ClusterSet)]
    [ValidateRange(1, 5000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Seconds one API request may take before it is reported as timed out.</summary>
    [Parameter(ParameterSetName = ClusterSet)]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 60;

    /// <summary>Only these rules (wildcards allowed), for example <c>KP00*</c>.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RuleIdCompleter<GetPodThreatCommand>))]
    public string[]? RuleId { get; set; }

    /// <summary>Also report the checks each workload passes.</summary>
    [Parameter]
    public SwitchParameter IncludePassed { get; set; }

    /// <summary>Report the Pod Security Standards level of each workload (PodSecurityAssessment) instead of findings.</summary>
    [Parameter]
    public SwitchParameter PodSecurityLevel { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        var ruleFilter = RuleFilters.Select(this, RuleId, AuditRuleIds);
        _scanner = new PodThreatScanner(new PodThreatScanOptions
        {
            IncludePassed = IncludePassed,
            PodSecurityLevel = PodSecurityLevel,
            RuleFilter = ruleFilter,
        });
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case PathSet:
                AuditFiles(ProviderPaths.Resolve(this, Path!, literal: false));
                break;
            case LiteralPathSet:
                AuditFiles(ProviderPaths.Resolve(this, LiteralPath!, literal: true));
                break;
            case InputObjectSet:
                FeedText();
                break;
            case ClusterSet when Namespace is not null:
                // Namespaces may come from the pipeline (objects with a Namespace property): all are listed at the end.
                _namespaces.AddRange(Namespace.Where(n => !_namespaces.Contains(n, StringComparer.Ordinal)));
                break;
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (ParameterSetName == InputObjectSet)
        {
            FinishText();
        }
        else if (ParameterSetName == ClusterSet)
        {
            AuditCluster();
        }

        foreach (var scanEvent in _scanner!.Complete())
        {
            Write(scanEvent);
        }

        Write(new ProgressEvent(Strings.PodThreatActivity, Strings.PodThreatDone, 100, Completed: true));
    }

    /// <inheritdoc/>
    protected override void Write(ScanEvent scanEvent)
    {
        if (scanEvent is PodSecurityAssessmentEvent assessment)
        {
            WriteObject(assessment.Assessment);
        }
        else
        {
            base.Write(scanEvent);
        }
    }

    /// <inheritdoc/>
    protected override int ProgressActivityId => 5;

    // Paths are resolved here (the provider writes errors on this thread); files are read and audited on a worker.
    private void AuditFiles(IEnumerable<string> paths) => WriteScan(AuditFileEvents(paths.ToList()));

    private IEnumerable<ScanEvent> AuditFileEvents(List<string> paths)
    {
        foreach (var result in ManifestFileSource.ReadPaths(paths, cancellation: Cancellation))
        {
            if (result.Warning is { } warning)
            {
                yield return new WarningEvent(warning);
                continue;
            }

            if (result.Object is { } source && source.File is not null && _sinceProgress.Elapsed > s_progressInterval)
            {
                _sinceProgress.Restart();
                yield return new ProgressEvent(Strings.PodThreatActivity, string.Format(Strings.PodThreatReading, source.File, _scanner!.WorkloadCount), -1);
            }

            foreach (var scanEvent in _scanner!.Audit(result))
            {
                yield return scanEvent;
            }
        }
    }

    // Pipeline text is parsed on a worker as it arrives, so a cluster-wide `kubectl get -o yaml` (one List document)
    // streams; results are written here, on the pipeline thread, after each line.
    private void FeedText()
    {
        var scanner = _scanner!;
        _text ??= new PipelineTextAudit(Strings.PodThreatInputLabel, scanner.Audit, Cancellation);
        _text.Add(InputObject ?? []).ForEach(Write);
    }

    private void FinishText()
    {
        if (_text is not null)
        {
            using (_text)
            {
                _text.Complete(Write, Cancellation);
            }
        }
    }

    private void AuditCluster()
    {
        using var connection = ClusterConnections.Open(this, KubeConfig, Context, TimeoutSec);
        var namespaces = AllNamespaces ? null : _namespaces.Count > 0 ? _namespaces : [connection.DefaultNamespace];
        WriteVerbose(string.Format(Strings.PodThreatCluster, connection.Endpoint, namespaces is null ? "*" : string.Join(", ", namespaces)));
        WriteScan(AuditLive(connection, new ClusterScope(namespaces, LabelSelector, PageSize)));
    }

    private async IAsyncEnumerable<ScanEvent> AuditLive(ClusterConnection connection, ClusterScope scope)
    {
        await foreach (var result in ClusterObjectSource.ReadAsync(connection, ClusterResource.PodWorkloads, scope, Cancellation).ConfigureAwait(false))
        {
            if (result.Object is { } source && _sinceProgress.Elapsed > s_progressInterval)
            {
                _sinceProgress.Restart();
                yield return new ProgressEvent(Strings.PodThreatActivity, string.Format(Strings.PodThreatListing, source.Kind, source.Namespace, _scanner!.WorkloadCount), -1);
            }

            foreach (var scanEvent in _scanner!.Audit(result))
            {
                yield return scanEvent;
            }
        }
    }
}
