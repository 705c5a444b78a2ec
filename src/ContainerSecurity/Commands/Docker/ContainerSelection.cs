using System.Management.Automation;
using ContainerSecurity.Engine.Docker.Connection;

namespace ContainerSecurity.Commands.Docker;

/// <summary>
/// Which listed containers -Name and -Id select. Names match with wildcards; ids match a full id, a unique prefix
/// (as docker accepts) or a wildcard pattern. A literal name or id that selects nothing is reported.
/// </summary>
internal sealed class ContainerSelection
{
    private readonly IReadOnlyList<string> _names;
    private readonly IReadOnlyList<string> _ids;

    public ContainerSelection(IReadOnlyList<string> names, IReadOnlyList<string> ids)
    {
        _names = names;
        _ids = ids;
    }

    /// <summary>Whether any container was named; without names every listed container is selected.</summary>
    public bool Any => _names.Count > 0 || _ids.Count > 0;

    public IReadOnlyList<DockerContainerSummary> Apply(IReadOnlyList<DockerContainerSummary> containers, out IReadOnlyList<string> unmatched)
    {
        if (!Any)
        {
            unmatched = [];
            return containers;
        }

        var missing = new List<string>();
        var chosen = new HashSet<DockerContainerSummary>();
        foreach (var name in _names)
        {
            var pattern = new WildcardPattern(name.TrimStart('/'), WildcardOptions.IgnoreCase);
            var hits = containers.Where(c => c.Names.Any(pattern.IsMatch)).ToList();
            Collect(name, hits, chosen, missing);
        }

        foreach (var id in _ids)
        {
            var hits = WildcardPattern.ContainsWildcardCharacters(id)
                ? containers.Where(c => new WildcardPattern(id, WildcardOptions.IgnoreCase).IsMatch(c.Id)).ToList()
                : containers.Where(c => c.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase)).ToList();
            Collect(id, hits, chosen, missing);
        }

        unmatched = missing;
        return containers.Where(chosen.Contains).ToArray();
    }

    private static void Collect(string requested, List<DockerContainerSummary> hits, HashSet<DockerContainerSummary> chosen, List<string> missing)
    {
        if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(requested))
        {
            missing.Add(requested);
        }

        chosen.UnionWith(hits);
    }
}
