using System.Diagnostics;
using System.Management.Automation;
using ContainerSecurity.Completion;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// What the cluster-wide audits (RBAC, control plane, namespaces) share: they read manifests from -Path,
/// -LiteralPath or piped text (parsed as it arrives), and can only judge once all input is in, so objects are handed to
/// <see cref="Accept"/> as they are read and findings come from <see cref="Complete"/> in EndProcessing.
/// </summary>
public abstract class ClusterManifestCommandBase : ContainerSecurityCommandBase
{
    /// <summary>The -Path parameter set.</summary>
    protected const string PathSet = "Path";

    /// <summary>The -LiteralPath parameter set.</summary>
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>The -InputObject (text) parameter set.</summary>
    protected const string TextSet = "Text";

    /// <summary>The live-cluster parameter set (the default).</summary>
    protected const string ClusterSet = "Cluster";

    private static readonly TimeSpan s_progressInterval = TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
    private PipelineTextAudit? _text;

    /// <summary>Manifest files or folders (read recursively for .yaml, .yml and .json); wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Manifest files or folders, taken literally.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>Manifest text, for example the lines of <c>kubectl get ... -o yaml</c>; piped lines are joined into one stream.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true)]
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

    /// <summary>Seconds one API request may take before it is reported as timed out.</summary>
    [Parameter(ParameterSetName = ClusterSet)]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 60;

    /// <summary>The kinds a live audit lists (in every namespace).</summary>
    private protected abstract IReadOnlyList<ClusterResource> LiveResources { get; }

    /// <summary>Takes one read result (object, problem or skipped item) and returns what to write now.</summary>
    private protected abstract IEnumerable<ScanEvent> Accept(ManifestReadResult result);

    /// <summary>Returns what the audit found once all input is in.</summary>
    private protected abstract IEnumerable<ScanEvent> Complete();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case TextSet:
                // Parsed as it arrives; the audits hold the objects they need, never the text.
                _text ??= new PipelineTextAudit(Strings.ManifestPipelineInput, Accept, Cancellation);
                WriteAll(_text.Add(InputObject ?? []));
                break;
            case ClusterSet:
                break;
            default:
                var paths = ProviderPaths.Resolve(this, ParameterSetName == LiteralPathSet ? LiteralPath! : Path!, ParameterSetName == LiteralPathSet).ToList();
                WriteScan(Read(ManifestFileSource.ReadPaths(paths, cancellation: Cancellation), MyInvocation.MyCommand.Name));
                break;
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (ParameterSetName == TextSet && _text is not null)
        {
            using (_text)
            {
                _text.Complete(Write, Cancellation);
            }
        }
        else if (ParameterSetName == ClusterSet)
        {
            ReadCluster();
        }

        WriteAll(Complete());
        Write(new ProgressEvent(MyInvocation.MyCommand.Name, Strings.ClusterAuditDone, 100, Completed: true));
    }

    /// <inheritdoc/>
    protected override int ProgressActivityId => 6;

    /// <summary>Writes events on the pipeline thread.</summary>
    protected void WriteAll(IEnumerable<ScanEvent> events)
    {
        foreach (var scanEvent in events)
        {
            Cancellation.ThrowIfCancellationRequested();
            Write(scanEvent);
        }
    }

    private void ReadCluster()
    {
        using var connection = ClusterConnections.Open(this, KubeConfig, Context, TimeoutSec);
        WriteVerbose(string.Format(Strings.ClusterAuditConnected, connection.Endpoint));
        WriteScan(ReadLive(connection));
    }

    private async IAsyncEnumerable<ScanEvent> ReadLive(ClusterConnection connection)
    {
        await foreach (var result in ClusterObjectSource.ReadAsync(connection, LiveResources, new ClusterScope(null), Cancellation).ConfigureAwait(false))
        {
            foreach (var scanEvent in Accept(result))
            {
                yield return scanEvent;
            }
        }
    }

    // Runs on a worker (WriteScan): files are read and parsed there, and Ctrl+C never waits for a large file.
    private IEnumerable<ScanEvent> Read(IEnumerable<ManifestReadResult> results, string activity)
    {
        foreach (var result in results)
        {
            if (result.Warning is { } warning)
            {
                yield return new WarningEvent(warning);
                continue;
            }

            // Large folders take a while: say which file is being read, a few times a second at most.
            if (result.Object is { File: { } file } && _sinceProgress.Elapsed > s_progressInterval)
            {
                _sinceProgress.Restart();
                yield return new ProgressEvent(activity, file, -1);
            }

            foreach (var scanEvent in Accept(result))
            {
                yield return scanEvent;
            }
        }
    }
}
