using System.Management.Automation;
using ContainerSecurity.Engine.Files;
using ContainerSecurity.Engine.Kubernetes.Credentials;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Audits kubeconfig files for credentials that cannot be revoked, plain-text secrets, unverified TLS and unexpected exec plugins.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "KubeConfig", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Finding))]
[OutputType(typeof(bool))]
public sealed class TestKubeConfigCommand : ContainerSecurityCommandBase
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string InputObjectSet = "InputObject";

    private readonly List<string> _content = [];

    /// <summary>Kubeconfig files to audit; wildcards allowed. Without -Path, -LiteralPath or -InputObject, the files of $env:KUBECONFIG, else ~/.kube/config.</summary>
    [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Kubeconfig files to audit, taken literally (no wildcards).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>Kubeconfig text, for example the lines of <c>kubectl config view --raw</c>; pipeline lines are joined into one document.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [Alias("Content")]
    [AllowEmptyString]
    public string[]? InputObject { get; set; }

    /// <summary>Report client certificates that expire within this many days (KC002). The default is 30.</summary>
    [Parameter]
    [ValidateRange(0, 3650)]
    public int ExpiryWarningDays { get; set; } = 30;

    /// <summary>Exec credential plugin programs to trust in addition to the built-in list of known plugins (KC006), by name or full path.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? TrustedExecPlugin { get; set; }

    /// <summary>Also write the checks that passed, and informational results.</summary>
    [Parameter]
    public SwitchParameter IncludePassed { get; set; }

    /// <summary>Write only $true when nothing failed and $false otherwise.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case InputObjectSet:
                _content.AddRange(InputObject ?? []);
                break;
            case LiteralPathSet:
                Audit(InputPaths.Files(this, LiteralPath!, literal: true, InputKind.KubeConfig, Cancellation).Select(KubeConfigInput.FromFile).ToList());
                break;
            case PathSet when Path is not null:
                Audit(InputPaths.Files(this, Path, literal: false, InputKind.KubeConfig, Cancellation).Select(KubeConfigInput.FromFile).ToList());
                break;
            default:
                Audit(DefaultFiles());
                break;
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (ParameterSetName == InputObjectSet)
        {
            var directory = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            Audit([KubeConfigInput.FromText(string.Join('\n', _content), Strings.KubeConfigPipelineInput, directory)]);
        }

        if (Quiet)
        {
            WriteObject(!FailureSeen);
        }
    }

    /// <inheritdoc/>
    protected override void Write(ScanEvent scanEvent)
    {
        switch (scanEvent)
        {
            case FindingEvent { Finding: var finding }:
                if (!Quiet && (IncludePassed || finding.Status is not (FindingStatus.Pass or FindingStatus.Info or FindingStatus.NotApplicable)))
                {
                    base.Write(scanEvent);
                }

                break;
            default:
                base.Write(scanEvent);
                break;
        }
    }

    private void Audit(IReadOnlyList<KubeConfigInput> inputs)
    {
        if (inputs.Count == 0)
        {
            return;
        }

        var options = new KubeConfigAuditOptions
        {
            ExpiryWarningDays = ExpiryWarningDays,
            TrustedExecPlugins = TrustedExecPlugin ?? [],
        };
        WriteScan(KubeConfigAudit.RunAsync(inputs, options, Cancellation));
    }

    // kubectl silently skips KUBECONFIG entries that do not exist; so does this, but says so with -Verbose.
    private List<KubeConfigInput> DefaultFiles()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = KubeConfigLocator.DefaultPaths(Environment.GetEnvironmentVariable("KUBECONFIG"), home);
        var existing = new List<KubeConfigInput>();
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                existing.Add(KubeConfigInput.FromFile(candidate));
            }
            else
            {
                WriteVerbose(string.Format(Strings.KubeConfigSkipped, candidate));
            }
        }

        if (existing.Count == 0)
        {
            ThrowCommandError(
                new ItemNotFoundException(string.Format(Strings.KubeConfigNotFound, string.Join(", ", candidates))),
                "KubeConfigNotFound",
                ErrorCategory.ObjectNotFound,
                string.Join(System.IO.Path.PathSeparator, candidates));
        }

        return existing;
    }
}
