namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>
/// Lists rights as <see cref="RbacPermission"/> records and answers "who can VERB RESOURCE in NAMESPACE" the way the
/// authorizer would: a record with <c>*</c> or a cluster-wide scope matches too.
/// </summary>
public sealed class RbacPermissionQuery
{
    /// <summary>Verbs asked about; any matches. Empty for all.</summary>
    public IReadOnlyCollection<string> Verbs { get; init; } = [];

    /// <summary>Resources asked about (<c>secrets</c>, <c>pods/exec</c>); any matches. Empty for all.</summary>
    public IReadOnlyCollection<string> Resources { get; init; } = [];

    /// <summary>The namespace asked about; rights in every namespace match too. Null for all.</summary>
    public string? Namespace { get; init; }

    /// <summary>A predicate on the subject's name (the cmdlet passes a wildcard pattern).</summary>
    public Func<string, bool>? Subject { get; init; }

    /// <summary>The permission records of <paramref name="audit"/>'s input that match.</summary>
    public IEnumerable<RbacPermission> Run(RbacAudit audit, Action<string>? unresolved = null)
    {
        foreach (var grant in audit.Grants(b => unresolved?.Invoke($"{RbacFindingBuilder.Where(b)}: {b} references {b.RoleKind} '{b.RoleName}', which is not in the input; its rights are unknown.")))
        {
            if ((Subject is not null && !Subject(grant.Subject.UserName))
                || (Namespace is not null && grant.Namespace is not null && grant.Namespace != Namespace)
                || (Verbs.Count > 0 && !Verbs.Any(grant.Rule.MatchesVerb))
                || (Resources.Count > 0 && !Resources.Any(grant.Rule.MatchesResource)))
            {
                continue;
            }

            foreach (var permission in Expand(grant))
            {
                if ((Verbs.Count == 0 || Verbs.Any(v => permission.Verb == RbacPolicyRule.All || permission.Verb == v))
                    && (Resources.Count == 0 || Resources.Any(r => ResourceMatches(permission.Resource, r))))
                {
                    yield return permission;
                }
            }
        }
    }

    private static bool ResourceMatches(string granted, string asked) =>
        new RbacPolicyRule([], [granted], [], [], [], string.Empty, 0, 0).MatchesResource(asked);

    private static IEnumerable<RbacPermission> Expand(RbacGrant grant)
    {
        var rule = grant.Rule;
        var source = grant.Binding.Source is { IsLive: false } s ? s : null;
        var groups = rule.ApiGroups.Count == 0 ? [string.Empty] : rule.ApiGroups;
        foreach (var verb in rule.Verbs)
        {
            foreach (var group in groups)
            {
                foreach (var resource in rule.Resources)
                {
                    yield return Permission(grant, verb, group, resource, source);
                }
            }

            foreach (var url in rule.NonResourceUrls)
            {
                yield return Permission(grant, verb, null, url, source);
            }
        }
    }

    private static RbacPermission Permission(RbacGrant grant, string verb, string? group, string resource, Sources.ManifestObject? source) => new()
    {
        Subject = grant.Subject.UserName,
        SubjectKind = grant.Subject.Kind,
        SubjectNamespace = grant.Subject.Namespace,
        Namespace = grant.Namespace,
        Verb = verb,
        ApiGroup = group,
        Resource = resource,
        ResourceNames = [.. grant.Rule.ResourceNames],
        Via = grant.Via,
        Binding = grant.Binding.ToString(),
        Role = grant.Role.Source is null ? $"{grant.Role} (built-in)" : grant.Role.ToString(),
        File = source?.File,
        Line = source?.Line,
    };
}
