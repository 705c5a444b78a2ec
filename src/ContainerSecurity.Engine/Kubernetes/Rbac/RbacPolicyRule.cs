namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>
/// One <c>rules[]</c> item of a Role or ClusterRole, with the matching the API server's RBAC authorizer uses:
/// <c>*</c> matches every verb, group and resource, <c>*/sub</c> every resource's subresource <c>sub</c>, and an empty
/// <c>resourceNames</c> means every object.
/// </summary>
internal sealed record RbacPolicyRule(
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls,
    string Path,
    int Line,
    int Column)
{
    public const string All = "*";

    /// <summary>Whether the rule allows <paramref name="verb"/> on <paramref name="resource"/> (<c>pods/exec</c>) in <paramref name="apiGroup"/>.</summary>
    public bool Allows(string verb, string apiGroup, string resource) =>
        MatchesVerb(verb) && MatchesGroup(apiGroup) && MatchesResource(resource);

    /// <summary>Whether it allows <paramref name="verb"/> on every object of the resource (no resourceNames).</summary>
    public bool AllowsAll(string verb, string apiGroup, string resource) => ResourceNames.Count == 0 && Allows(verb, apiGroup, resource);

    public bool MatchesVerb(string verb) => Verbs.Contains(All) || Verbs.Contains(verb, StringComparer.Ordinal);

    public bool MatchesGroup(string apiGroup) => ApiGroups.Contains(All) || ApiGroups.Contains(apiGroup, StringComparer.Ordinal);

    public bool MatchesResource(string resource)
    {
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        foreach (var granted in Resources)
        {
            if (granted == All || granted == resource)
            {
                return true;
            }

            if (slash > 0 && granted.StartsWith("*/", StringComparison.Ordinal) && granted.AsSpan(2).SequenceEqual(resource.AsSpan(slash + 1)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the rule grants everything: all verbs on all resources of all groups.</summary>
    public bool IsEverything => Verbs.Contains(All) && ApiGroups.Contains(All) && Resources.Contains(All) && ResourceNames.Count == 0;

    /// <summary>Whether any list holds a wildcard (KR004).</summary>
    public bool HasWildcard => Verbs.Contains(All) || ApiGroups.Contains(All) || Resources.Any(r => r == All || r.StartsWith("*/", StringComparison.Ordinal)) || NonResourceUrls.Contains(All);

    public override string ToString()
    {
        var groups = string.Join(",", ApiGroups.Select(g => g.Length == 0 ? "\"\"" : g));
        var text = NonResourceUrls.Count > 0 && Resources.Count == 0
            ? $"verbs [{string.Join(",", Verbs)}] on nonResourceURLs [{string.Join(",", NonResourceUrls)}]"
            : $"verbs [{string.Join(",", Verbs)}] on [{string.Join(",", Resources)}] in apiGroups [{groups}]";
        return ResourceNames.Count == 0 ? text : $"{text} named [{string.Join(",", ResourceNames)}]";
    }
}
