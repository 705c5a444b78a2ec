using System.Management.Automation;

namespace ContainerSecurity.Commands;

/// <summary>
/// What the report cmdlets share: findings collected from the pipeline (typed, deserialized or look-alike objects);
/// an object that is not a finding is an error naming it, and the rest are still collected.
/// </summary>
public abstract class FindingInputCommandBase : ContainerSecurityCommandBase
{
    private readonly List<Finding> _findings = [];

    /// <summary>Findings to export, from the audit cmdlets or Import-Clixml.</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public PSObject[]? InputObject { get; set; }

    /// <summary>The findings received so far.</summary>
    protected IReadOnlyList<Finding> Findings => _findings;

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
                _findings.Add(FindingInput.Convert(input));
            }
            catch (InvalidDataException e)
            {
                WriteItemError(e, "InvalidFinding", ErrorCategory.InvalidData, input);
            }
        }
    }
}
