using System.Management.Automation;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// What the cluster-wide audits (RBAC, control plane, namespaces) share: they read manifests from -Path,
/// -LiteralPath or piped text, and can only judge once all input is in, so objects are handed to
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

    private readonly List<string> _text = [];

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

    /// <summary>Takes one read result (object, problem or skipped item) and returns what to write now.</summary>
    protected abstract IEnumerable<ScanEvent> Accept(ManifestReadResult result);

    /// <summary>Returns what the audit found once all input is in.</summary>
    protected abstract IEnumerable<ScanEvent> Complete();

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case TextSet:
                _text.AddRange(InputObject ?? []);
                break;
            default:
                var paths = ProviderPaths.Resolve(this, ParameterSetName == LiteralPathSet ? LiteralPath! : Path!, ParameterSetName == LiteralPathSet).ToList();
                Read(ManifestFileSource.ReadPaths(paths, cancellation: Cancellation));
                break;
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (ParameterSetName == TextSet)
        {
            using var reader = new StringReader(string.Join('\n', _text));
            Read(ManifestReader.Read(reader, Strings.ManifestPipelineInput));
        }

        WriteAll(Complete());
    }

    /// <summary>Writes events on the pipeline thread.</summary>
    protected void WriteAll(IEnumerable<ScanEvent> events)
    {
        foreach (var scanEvent in events)
        {
            Cancellation.ThrowIfCancellationRequested();
            Write(scanEvent);
        }
    }

    private void Read(IEnumerable<ManifestReadResult> results)
    {
        foreach (var result in results)
        {
            WriteAll(Accept(result));
        }
    }
}
