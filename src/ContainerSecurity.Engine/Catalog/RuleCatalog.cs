using System.Reflection;

namespace ContainerSecurity.Engine.Catalog;

/// <summary>
/// The rules of the module, read from the rule documents embedded in this assembly. One catalog serves the cmdlets,
/// the help pages and the cheat sheet, so they always agree.
/// </summary>
public sealed class RuleCatalog
{
    private const string ResourcePrefix = "rules/";

    private static readonly Lazy<RuleCatalog> s_default = new(LoadEmbedded);

    private readonly Dictionary<string, SecurityRule> _rules;

    public RuleCatalog(IEnumerable<SecurityRule> rules)
    {
        _rules = new Dictionary<string, SecurityRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            if (!_rules.TryAdd(rule.Id, rule))
            {
                throw new InvalidOperationException($"The rule id '{rule.Id}' is defined twice.");
            }
        }
    }

    /// <summary>The catalog built from the embedded rule documents.</summary>
    public static RuleCatalog Default => s_default.Value;

    /// <summary>All rules, ordered by id.</summary>
    public IEnumerable<SecurityRule> Rules => _rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal);

    /// <summary>The rule with this id; throws for an id that is not in the catalog (a programming error).</summary>
    public SecurityRule this[string id] =>
        _rules.TryGetValue(id, out var rule) ? rule : throw new KeyNotFoundException($"The rule '{id}' is not in the catalog.");

    public bool TryGet(string id, out SecurityRule rule) => _rules.TryGetValue(id, out rule!);

    /// <summary>Parses rule documents; every malformed one is reported at once rather than one per build.</summary>
    public static RuleCatalog Parse(IEnumerable<(string Name, string Text)> documents)
    {
        var rules = new List<SecurityRule>();
        var problems = new List<string>();
        foreach (var (name, text) in documents)
        {
            try
            {
                var rule = RuleDocumentParser.Parse(name, text);
                if (!string.Equals(rule.Id + ".md", name, StringComparison.Ordinal))
                {
                    throw new RuleDocumentException(name, 2, $"the id '{rule.Id}' does not match the file name");
                }

                rules.Add(rule);
            }
            catch (RuleDocumentException e)
            {
                problems.Add(e.Message);
            }
        }

        return problems.Count == 0
            ? new RuleCatalog(rules)
            : throw new InvalidDataException("The rule catalog is malformed:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    private static RuleCatalog LoadEmbedded()
    {
        var assembly = typeof(RuleCatalog).Assembly;
        return Parse(assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => (n[ResourcePrefix.Length..], Read(assembly, n))));
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
