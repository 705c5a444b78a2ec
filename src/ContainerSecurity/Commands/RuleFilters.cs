using System.Management.Automation;

namespace ContainerSecurity.Commands;

/// <summary>Turns a -RuleId parameter (ids with wildcards) into the predicate the engine audits take.</summary>
internal static class RuleFilters
{
    /// <summary>
    /// The predicate for the rules of one audit that <paramref name="patterns"/> select; <see langword="null"/> (every
    /// rule) without -RuleId.
    /// </summary>
    /// <param name="patterns">The -RuleId values.</param>
    /// <param name="auditRules">The rules the audit implements: a pattern that matches none of them selects nothing.</param>
    /// <param name="command">The cmdlet, for the message.</param>
    /// <exception cref="ArgumentException">
    /// The patterns match none of the audit's rules (an unknown id, or the rule of another cmdlet): an audit of no rule
    /// would read as a clean result.
    /// </exception>
    public static Func<string, bool>? From(string[]? patterns, IEnumerable<string> auditRules, string command)
    {
        if (patterns is null)
        {
            return null;
        }

        var wildcards = patterns.Select(id => new WildcardPattern(id, WildcardOptions.IgnoreCase)).ToList();
        var rules = auditRules.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!rules.Any(id => wildcards.Any(p => p.IsMatch(id))))
        {
            throw new ArgumentException(string.Format(Strings.NoAuditRuleSelected, command, string.Join(", ", patterns), Ranges(rules)));
        }

        return id => wildcards.Any(p => p.IsMatch(id));
    }

    /// <summary>
    /// <see cref="From"/> for a cmdlet: a selection of nothing stops <paramref name="cmdlet"/> with a terminating error
    /// (NoRuleSelected), as the Docker audits do.
    /// </summary>
    public static Func<string, bool>? Select(PSCmdlet cmdlet, string[]? patterns, IEnumerable<string> auditRules)
    {
        try
        {
            return From(patterns, auditRules, cmdlet.MyInvocation.MyCommand.Name);
        }
        catch (ArgumentException e)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(e, "NoRuleSelected", ErrorCategory.InvalidArgument, patterns));
            return null;
        }
    }

    // "KP001–KP039, KR001–KR013": the rules an audit owns, short enough for one message.
    private static string Ranges(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.GroupBy(id => id[..2], StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.First() : $"{g.First()}–{g.Last()}"));
}
