using System.Management.Automation;
using ContainerSecurity.Completion;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Files;

namespace ContainerSecurity.Commands.Docker;

/// <summary>
/// <para type="synopsis">Finds security threats in Docker containers: live through the Docker Engine API, or from saved docker inspect output.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ContainerThreat", DefaultParameterSetName = DaemonSet)]
[OutputType(typeof(Finding))]
public sealed class GetContainerThreatCommand : DockerDaemonCommandBase, IRuleAudit
{
    /// <summary>The DC rules of the catalog: what -RuleId selects among and completes.</summary>
    public static IEnumerable<string> AuditRuleIds => RuleCatalog.Default.Rules.Select(r => r.Id).Where(id => id.StartsWith("DC", StringComparison.Ordinal));

    private IReadOnlySet<string>? _ruleIds;

    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly List<string> _names = [];
    private readonly List<string> _ids = [];

    /// <summary>Names of containers to audit; wildcards allowed. Binds from the Name or Names property of pipeline objects.</summary>
    [Parameter(ParameterSetName = DaemonSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerName", "Names")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DockerContainerCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Ids of containers to audit: a full id, a unique prefix, or a wildcard pattern. Binds from the Id property.</summary>
    [Parameter(ParameterSetName = DaemonSet, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerId")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DockerContainerCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Audit stopped containers too; by default only running containers are audited unless named.</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    public SwitchParameter All { get; set; }

    /// <summary>Only containers with all of these labels: "key" or "key=value".</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Files of docker inspect output (a JSON array of container documents, or one document), or folders searched recursively for *.json files; wildcards allowed.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Like -Path, but taken literally (no wildcards). Binds from PSPath of pipeline objects.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>Lists every process of running containers (GET /containers/{id}/top) for the SSH-server check; slower, as the daemon runs ps per container.</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    public SwitchParameter ListProcesses { get; set; }

    /// <summary>Also write passed and not-applicable checks.</summary>
    [Parameter]
    public SwitchParameter IncludePassed { get; set; }

    /// <summary>Only these rules (DC001 … DC031); wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RuleIdCompleter<GetContainerThreatCommand>))]
    public string[]? RuleId { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing() => _ruleIds = SelectRules(RuleId, "DC");

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == DaemonSet)
        {
            // Pipeline input is collected and audited in one concurrent pass at the end.
            _names.AddRange(Name ?? []);
            _ids.AddRange(Id ?? []);
            return;
        }

        var options = ScanOptions();
        var files = InputPaths.Files(this, (ParameterSetName == PathSet ? Path : LiteralPath)!, ParameterSetName == LiteralPathSet, InputKind.ContainerInspect, Cancellation);
        foreach (var file in files)
        {
            Cancellation.ThrowIfCancellationRequested();
            WriteVerbose(string.Format(Strings.ContainerInspectFileReading, file));
            WriteScan(() => ContainerScanner.ScanInspectFile(file, options, Cancellation));
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (ParameterSetName != DaemonSet)
        {
            return;
        }

        using var api = OpenDaemon();
        var selection = new ContainerSelection(_names, _ids);
        IReadOnlyList<DockerContainerSummary> listed;
        try
        {
            // Named containers are found whether or not they run, as docker inspect finds them.
            listed = api.ListContainersAsync(All || selection.Any, Label, Cancellation).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is DockerConnectionException or DockerApiRequestException)
        {
            ThrowCommandError(exception, "DockerListFailed", ErrorCategory.ConnectionError, api.Endpoint.ToString());
            return;
        }

        var chosen = selection.Apply(listed, out var unmatched);
        foreach (var pattern in unmatched)
        {
            WriteItemError(new ItemNotFoundException(string.Format(Strings.ContainerNotFound, pattern, api.Endpoint)), "ContainerNotFound", ErrorCategory.ObjectNotFound, pattern);
        }

        WriteScan(ContainerScanner.ScanLiveAsync(api, chosen, ScanOptions(), Cancellation));
    }

    private ContainerScanOptions ScanOptions() => new()
    {
        ThrottleLimit = ThrottleLimit,
        IncludePassed = IncludePassed.IsPresent,
        ListProcesses = ListProcesses.IsPresent,
        RuleIds = _ruleIds,
    };
}
