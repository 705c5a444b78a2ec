using System.Management.Automation;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Fails a pipeline or runbook when unwaived findings at or above a severity remain.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Assert, "ContainerSecurityFinding")]
[OutputType(typeof(Finding))]
public sealed class AssertContainerSecurityFindingCommand : ContainerSecurityCommandBase
{
    private const int ListedFindings = 20;

    private readonly List<Finding> _findings = [];

    private int _unreadable;

    /// <summary>Findings to check, from the audit cmdlets, jobs, remoting or Import-Clixml; anything else fails the gate.</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public PSObject[]? InputObject { get; set; }

    /// <summary>The lowest severity that fails the gate. Failed (and Warn) findings below it, and waived ones, pass.</summary>
    [Parameter(Position = 0)]
    public Severity MinimumSeverity { get; set; } = Severity.High;

    /// <summary>Writes the input findings on, so the gate can sit in the middle of a pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var input in InputObject ?? [])
        {
            if (input is null)
            {
                continue;
            }

            try
            {
                var finding = FindingInput.Convert(input);
                _findings.Add(finding);
                if (PassThru)
                {
                    WriteObject(input);
                }
            }
            catch (InvalidDataException e)
            {
                // Named here, counted for the verdict: a gate that skipped what it could not read proved nothing.
                _unreadable++;
                WriteItemError(e, "InvalidFinding", ErrorCategory.InvalidData, input);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_unreadable > 0)
        {
            ThrowCommandError(new InvalidDataException(string.Format(Strings.GateInputUnreadable, _unreadable, _unreadable + _findings.Count)), "UnreadableFindings", ErrorCategory.InvalidData, _unreadable);
        }

        var blocking = SeverityGate.Blocking(_findings, MinimumSeverity);
        if (blocking.Count == 0)
        {
            WriteVerbose(string.Format(Strings.GatePassed, _findings.Count, MinimumSeverity));
            return;
        }

        var lines = blocking.Take(ListedFindings).Select(f => $"  {f.Severity,-8} {f.RuleId,-6} {f.Target}: {f.Message}");
        var more = blocking.Count > ListedFindings ? Environment.NewLine + string.Format(Strings.GateMore, blocking.Count - ListedFindings) : string.Empty;
        var message = string.Format(Strings.GateFailed, blocking.Count, MinimumSeverity) + Environment.NewLine + string.Join(Environment.NewLine, lines) + more;
        ThrowCommandError(new SecurityFindingException(message, blocking), "UnwaivedFindingsRemain", ErrorCategory.SecurityError, blocking.ToArray());
    }
}
