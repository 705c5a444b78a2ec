namespace ContainerSecurity.Completion;

/// <summary>A cmdlet whose -RuleId selects among the rules it evaluates; the list its -RuleId completes and checks against.</summary>
public interface IRuleAudit
{
    /// <summary>The ids of the rules this cmdlet can evaluate.</summary>
    static abstract IEnumerable<string> AuditRuleIds { get; }
}
