using System.Management.Automation;
using ContainerSecurity.Completion;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands.Docker;

/// <summary>
/// <para type="synopsis">Audits a Docker daemon's configuration and files against the CIS Docker Benchmark 1.6.0.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "DockerDaemonConfig")]
[OutputType(typeof(Finding))]
[OutputType(typeof(bool))]
public sealed class TestDockerDaemonConfigCommand : DaemonConfigCommandBase, IRuleAudit
{
    /// <summary>The daemon and host-file checks: what -Id selects among and completes.</summary>
    public static IEnumerable<string> AuditRuleIds => DaemonAudit.RuleIds;

    /// <summary>Only these rules (DD001 … DD020, DF001 … DF024); wildcards allowed.</summary>
    [Parameter]
    [Alias("RuleId")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RuleIdCompleter<TestDockerDaemonConfigCommand>))]
    public string[]? Id { get; set; }

    /// <summary>Only checks in these CIS sections or with these CIS ids: 2, 3, 4.5, 1.1.2, 2.7 …</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CisSectionCompleter))]
    public string[]? Section { get; set; }

    /// <summary>Accounts that may be members of the docker group; other members fail DD020.</summary>
    [Parameter]
    [ValidateNotNull]
    [AllowEmptyCollection]
    public string[]? TrustedUser { get; set; }

    /// <summary>Write only $true (no check failed and nothing went wrong) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        // A filter that selects nothing would otherwise report nothing, and -Quiet would say $true.
        if (!AuditRuleIds.Any(Selected))
        {
            ThrowCommandError(
                new ArgumentException(string.Format(System.Globalization.CultureInfo.CurrentCulture, Strings.NoDaemonCheckSelected, string.Join(", ", Id ?? ["*"]), string.Join(", ", Section ?? ["*"]))),
                "NoDaemonCheckSelected",
                ErrorCategory.InvalidArgument,
                (object?)Id ?? Section);
        }

        var options = BuildOptions(TrustedUser, Selected);
        using var live = options.Live;
        WriteScan(DaemonAudit.RunAsync(options, Cancellation));
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
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
                if (!Quiet)
                {
                    WriteObject(finding);
                }

                break;
            case ProblemEvent problem:
                if (Quiet)
                {
                    WriteVerbose(problem.Problem.Exception.Message);
                }
                else
                {
                    base.Write(scanEvent);
                }

                break;
            default:
                base.Write(scanEvent);
                break;
        }
    }

    private bool Selected(string ruleId)
    {
        if (Id is not null && !Id.Any(pattern => new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(ruleId)))
        {
            return false;
        }

        if (Section is null)
        {
            return true;
        }

        var cis = RuleCatalog.Default[ruleId].Cis;
        return Section.Any(section => cis.Any(id => id == section || id.StartsWith(section.TrimEnd('.') + ".", StringComparison.Ordinal)));
    }
}
