using System.Management.Automation;

namespace ContainerSecurity.Commands;

/// <summary>Turns a -RuleId parameter (ids with wildcards) into the predicate the engine audits take.</summary>
internal static class RuleFilters
{
    public static Func<string, bool>? From(string[]? ruleIds)
    {
        if (ruleIds is null)
        {
            return null;
        }

        var patterns = ruleIds.Select(id => new WildcardPattern(id, WildcardOptions.IgnoreCase)).ToList();
        return id => patterns.Any(p => p.IsMatch(id));
    }
}
