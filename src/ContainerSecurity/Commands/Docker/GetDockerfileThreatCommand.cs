using System.Management.Automation;
using ContainerSecurity.Completion;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Docker.Dockerfiles;
using ContainerSecurity.Engine.Docker.Images;
using ContainerSecurity.Engine.Files;

namespace ContainerSecurity.Commands.Docker;

/// <summary>
/// <para type="synopsis">Finds security threats in Dockerfiles, and in the configuration of images on a live Docker daemon.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerfileThreat", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Finding))]
public sealed class GetDockerfileThreatCommand : DockerDaemonCommandBase, IRuleAudit
{
    /// <summary>The DI rules of the catalog: what -RuleId selects among and completes.</summary>
    public static IEnumerable<string> AuditRuleIds => RuleCatalog.Default.Rules.Select(r => r.Id).Where(id => id.StartsWith("DI", StringComparison.Ordinal));

    private IReadOnlySet<string>? _ruleIds;

    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly List<string> _images = [];

    /// <summary>Dockerfiles, or folders searched recursively for Dockerfile, Containerfile, Dockerfile.* and *.Dockerfile; wildcards allowed.</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Like -Path, but taken literally (no wildcards). Binds from PSPath of pipeline objects (Get-ChildItem output).</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>Images of the daemon to audit by their configuration: repository:tag or id, wildcards allowed ("*" for all tagged images).</summary>
    [Parameter(ParameterSetName = DaemonSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("RepoTags", "ImageName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Image { get; set; }

    /// <summary>Also write passed and not-applicable checks.</summary>
    [Parameter]
    public SwitchParameter IncludePassed { get; set; }

    /// <summary>Only these rules (DI001 … DI017); wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RuleIdCompleter<GetDockerfileThreatCommand>))]
    public string[]? RuleId { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing() => _ruleIds = SelectRules(RuleId, "DI");

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == DaemonSet)
        {
            _images.AddRange(Image ?? []);
            return;
        }

        var options = Options();
        var files = InputPaths.Files(this, (ParameterSetName == PathSet ? Path : LiteralPath)!, ParameterSetName == LiteralPathSet, InputKind.Dockerfile, Cancellation, Strings.NoDockerfileInFolder);
        foreach (var file in files)
        {
            Cancellation.ThrowIfCancellationRequested();
            WriteVerbose(string.Format(Strings.DockerfileReading, file));
            WriteScan(() => DockerfileScanner.ScanFile(file, options, Cancellation));
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
        IReadOnlyList<DockerImageSummary> listed;
        try
        {
            listed = api.ListImagesAsync(all: false, Cancellation).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is DockerConnectionException or DockerApiRequestException)
        {
            ThrowCommandError(exception, "DockerListFailed", ErrorCategory.ConnectionError, api.Endpoint.ToString());
            return;
        }

        var chosen = new List<DockerImageSummary>();
        foreach (var requested in _images)
        {
            var pattern = new WildcardPattern(requested, WildcardOptions.IgnoreCase);
            var hits = listed.Where(i => i.RepoTags.Any(pattern.IsMatch)
                || IsIdPrefix(i.Id, requested)
                || (!requested.Contains(':') && i.RepoTags.Contains(requested + ":latest"))).ToList();
            if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(requested))
            {
                WriteItemError(new ItemNotFoundException(string.Format(Strings.ImageNotFound, requested, api.Endpoint)), "ImageNotFound", ErrorCategory.ObjectNotFound, requested);
            }

            chosen.AddRange(hits.Where(h => !chosen.Contains(h)));
        }

        var options = Options() with { RuleIds = (_ruleIds ?? ImageScanner.RuleIds).Intersect(ImageScanner.RuleIds).ToHashSet(StringComparer.Ordinal) };
        if (options.RuleIds!.Count == 0)
        {
            ThrowCommandError(new ArgumentException(string.Format(Strings.NoRuleSelected, "DI", string.Join(", ", RuleId!)) + " " + Strings.ImageRulesOnly), "NoRuleSelected", ErrorCategory.InvalidArgument, RuleId);
        }
        WriteScan(ImageScanner.ScanLiveAsync(api, chosen, options, ThrottleLimit, Cancellation));
    }

    private DockerfileScanOptions Options() => new()
    {
        IncludePassed = IncludePassed.IsPresent,
        RuleIds = _ruleIds,
    };

    // An image id is named by a prefix of its hex digest, with or without "sha256:"; "sha" alone names nothing.
    private static bool IsIdPrefix(string id, string requested)
    {
        static string Hex(string value) => value.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? value[7..] : value;
        var prefix = Hex(requested);
        return prefix.Length > 0 && prefix.All(Uri.IsHexDigit) && Hex(id).StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
