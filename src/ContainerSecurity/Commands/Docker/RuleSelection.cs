using System.Management.Automation;
using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Commands.Docker;

/// <summary>Turns -RuleId patterns into the set of catalog ids of one prefix that they match.</summary>
internal static class RuleSelection
{
    public static IReadOnlySet<string> Resolve(IEnumerable<string> patterns, string prefix)
    {
        var wildcards = patterns.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToArray();
        return RuleCatalog.Default.Rules
            .Where(r => r.Id.StartsWith(prefix, StringComparison.Ordinal) && wildcards.Any(w => w.IsMatch(r.Id)))
            .Select(r => r.Id)
            .ToHashSet(StringComparer.Ordinal);
    }
}
