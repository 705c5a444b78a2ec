using System.Management.Automation;
using ContainerSecurity.Completion;
using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Commands;

/// <summary>
/// <para type="synopsis">Gets the threats of the ContainerSecurity rule catalog.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "ContainerSecurityRule")]
[OutputType(typeof(SecurityRule))]
public sealed class GetContainerSecurityRuleCommand : ContainerSecurityCommandBase, IRuleAudit
{
    /// <summary>Every rule of the catalog: what -Id completes.</summary>
    public static IEnumerable<string> AuditRuleIds => RuleCatalog.Default.Rules.Select(r => r.Id);

    private readonly HashSet<string> _writtenIds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rule ids to get; wildcards allowed. Binds from the RuleId of findings in the pipeline.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("RuleId")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RuleIdCompleter<GetContainerSecurityRuleCommand>))]
    public string[]? Id { get; set; }

    /// <summary>Only rules of these platforms.</summary>
    [Parameter]
    public Platform[]? Platform { get; set; }

    /// <summary>Only rules in any of these STRIDE categories.</summary>
    [Parameter]
    public StrideCategory[]? Stride { get; set; }

    /// <summary>Only rules of these severities.</summary>
    [Parameter]
    public Severity[]? Severity { get; set; }

    /// <summary>Only rules about these assets.</summary>
    [Parameter]
    public Asset[]? Asset { get; set; }

    /// <summary>Only automated or only manual rules.</summary>
    [Parameter]
    public CheckMode? Mode { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (var id in Id ?? ["*"])
        {
            var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
            var matches = RuleCatalog.Default.Rules.Where(r => pattern.IsMatch(r.Id) && Selected(r)).ToList();

            // A literal id that names no rule at all is an error; one that the filters excluded is not.
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(id) && !RuleCatalog.Default.TryGet(id, out _))
            {
                WriteItemError(
                    new ItemNotFoundException(string.Format(Strings.RuleNotFound, id)),
                    "RuleNotFound",
                    ErrorCategory.ObjectNotFound,
                    id);
            }

            // A rule named twice (by a pattern and by pipeline input) is written once.
            foreach (var rule in matches.Where(r => _writtenIds.Add(r.Id)))
            {
                WriteObject(rule);
            }
        }
    }

    private bool Selected(SecurityRule rule) =>
        (Platform is null || Platform.Contains(rule.Platform))
        && (Stride is null || rule.Stride.Any(Stride.Contains))
        && (Severity is null || Severity.Contains(rule.Severity))
        && (Asset is null || Asset.Contains(rule.Asset))
        && (Mode is null || Mode == rule.Mode);
}
