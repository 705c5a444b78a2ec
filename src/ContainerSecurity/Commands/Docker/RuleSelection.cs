using System.Management.Automation;
using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Commands.Docker;

/// <summary>Turns -RuleId patterns into the set of catalog ids of one prefix that they match.</summary>
internal static class RuleSelection
{
    /// <summary>The ids of <paramref name="prefix"/> that the patterns match.</summary>
    /// <exception cref="ArgumentException">No rule matches: an empty selection would read as a clean result.</exception>
    public static IReadOnlySet<string> Resolve(IEnumerable<string> patterns, string prefix)
    {
        var wildcards = patterns.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToArray();
        var selected = RuleCatalog.Default.Rules
            .Where(r => r.Id.StartsWith(prefix, StringComparison.Ordinal) && wildcards.Any(w => w.IsMatch(r.Id)))
            .Select(r => r.Id)
            .ToHashSet(StringComparer.Ordinal);
        return selected.Count > 0
            ? selected
            : throw new ArgumentException(string.Format(Strings.NoRuleSelected, prefix, string.Join(", ", patterns)));
    }
}
