using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;
using static ContainerSecurity.Engine.Kubernetes.Rbac.RbacFindingBuilder;

namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>
/// The RBAC audit (KR001–KR013). RBAC can only be judged as a whole, so objects are collected first; findings about
/// rights are then aggregated by subject and scope, so one finding answers "who can read Secrets in namespace X".
/// Bindings the API server bootstraps itself (label kubernetes.io/bootstrapping=rbac-defaults, or names starting with
/// <c>system:</c>) are left out: they are reconciled at every start and cannot be changed for long.
/// </summary>
public sealed class RbacAudit(bool includePassed, Func<string, bool>? ruleFilter = null)
{
    /// <summary>The rules this audit evaluates.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = [.. Enumerable.Range(1, 13).Select(i => $"KR{i:000}")];

    private static readonly string[] s_discoveryRoles = ["system:discovery", "system:basic-user", "system:public-info-viewer"];

    private readonly RbacGraph _graph = new();
    private readonly Func<string, bool> _selected = ruleFilter ?? (_ => true);

    /// <summary>Takes one result of a source; RBAC objects are kept, problems passed on at once.</summary>
    public IEnumerable<ScanEvent> Add(ManifestReadResult result)
    {
        if (result.Problem is not null)
        {
            return [new ProblemEvent(result.Problem)];
        }

        if (result.Object is not { } source)
        {
            return [];
        }

        if (!RbacObjectReader.IsRbacKind(source.Kind))
        {
            return [new VerboseEvent($"{source}: {source.Kind} {source.Name} is not an RBAC object; skipped.")];
        }

        return _graph.Add(source) is { } problem ? [new ProblemEvent(problem)] : [];
    }

    /// <summary>The grants of everything added, for the permission listing.</summary>
    internal IEnumerable<RbacGrant> Grants(Action<RbacBinding>? unresolved = null) => _graph.Grants(unresolved);

    /// <summary>Evaluates the rules on everything added.</summary>
    public IEnumerable<ScanEvent> Complete()
    {
        var events = new List<ScanEvent>();
        var grants = _graph.Grants(b => events.Add(new VerboseEvent($"{Where(b)}: {b} references {b.RoleKind} '{b.RoleName}', which is not in the input; its rights are unknown."))).ToList();
        var findings = new List<Finding>();
        findings.AddRange(RoleWildcards());
        findings.AddRange(BindingFindings().OfType<Finding>());
        findings.AddRange(SubjectRights(grants.Where(g => !IsBootstrap(g.Binding) && !RbacRight.IsAdminEquivalent(g.Role)).ToList()));
        events.AddRange(findings.Where(f => _selected(f.RuleId) && (includePassed || f.Status == FindingStatus.Fail)).Select(f => (ScanEvent)new FindingEvent(f)));
        return events;
    }

    private static bool IsBootstrap(RbacBinding binding) => binding.IsBootstrap || binding.Name.StartsWith("system:", StringComparison.Ordinal);

    // KR004: wildcards are judged on the role itself, bound or not.
    private IEnumerable<Finding> RoleWildcards()
    {
        foreach (var role in _graph.Roles)
        {
            if (role.Name.StartsWith("system:", StringComparison.Ordinal) || role.Name == "cluster-admin"
                || (role.Labels.TryGetValue("kubernetes.io/bootstrapping", out var value) && value == "rbac-defaults"))
            {
                continue;
            }

            var wildcard = role.Rules.FirstOrDefault(r => r.HasWildcard);
            if (wildcard is null)
            {
                if (!includePassed)
                {
                    continue;
                }

                yield return Create("KR004", FindingStatus.Pass, ObjectTarget(role.Kind, role.Name, role.Namespace, role.Source), $"{role} lists its verbs, resources and API groups explicitly.");
                continue;
            }

            var everything = role.Rules.Any(r => r.IsEverything);
            yield return ObjectWaivers.Apply(Create("KR004", FindingStatus.Fail,
                ObjectTarget(role.Kind, role.Name, role.Namespace, role.Source, wildcard.Path, wildcard.Line, wildcard.Column),
                everything
                    ? $"{role} grants all verbs on all resources of all API groups: it is {(role.IsClusterRole ? "cluster-admin" : "admin of its namespace")} under another name."
                    : $"{role} uses wildcards: {wildcard}; it also grants whatever resources and verbs future versions and CRDs add.",
                new Evidence(string.Join("; ", role.Rules.Where(r => r.HasWildcard)), "explicit apiGroups, resources and verbs", role.Source?.ToString() ?? role.ToString()),
                everything ? null : Severity.Medium), role.Source);
        }
    }

    // KR001, KR007, KR012, KR013: judged per binding and subject.
    private IEnumerable<Finding?> BindingFindings() =>
        _graph.Bindings.Where(b => !IsBootstrap(b)).SelectMany(b => BindingFindings(b).Select(f => f is null ? null : ObjectWaivers.Apply(f, b.Source)));

    private IEnumerable<Finding?> BindingFindings(RbacBinding binding)
    {
        var role = _graph.Resolve(binding);
        var admin = role is not null && RbacRight.IsAdminEquivalent(role);
        var roleText = role is null ? $"{binding.RoleKind}/{binding.RoleName}" : role.Source is null ? $"{role} (built-in)" : role.ToString();
        var where = Where(binding);
        foreach (var subject in binding.Subjects)
        {
            var target = SubjectTarget(subject, binding.IsClusterWide ? null : binding.Namespace, binding);
            var evidence = new Evidence($"{binding} binds {roleText} to {subject}", "no such binding", where);
            if (subject.Kind == "ServiceAccount")
            {
                yield return admin
                    ? Create("KR001", FindingStatus.Fail, target,
                        $"{subject} is bound to {roleText} through {binding}: its token is {(binding.IsClusterWide ? "cluster-admin" : $"admin of namespace '{binding.Namespace}'")} for anyone who reads it from a pod.",
                        evidence, binding.IsClusterWide ? null : Severity.Medium)
                    : includePassed ? Create("KR001", FindingStatus.Pass, target, $"{subject} is bound to {roleText}, which is not cluster-admin or equivalent.") : null;
            }

            yield return subject.IsDefaultServiceAccount
                ? Create("KR007", FindingStatus.Fail, target,
                    $"{binding} grants {roleText} to {subject}: every pod {(subject.Kind == "Group" ? "in its scope" : $"of namespace '{subject.Namespace}'")} that does not name a service account gets these rights.",
                    evidence)
                : includePassed ? Create("KR007", FindingStatus.Pass, target, $"{subject} is not a default service account.") : null;

            if (!subject.IsAnonymousOrEveryone)
            {
                continue;
            }

            var everyone = subject.Name == "system:authenticated" ? "any valid identity" : "anyone who can reach the API server";
            if (role is not null && RbacRight.IsTakeover(role))
            {
                yield return Create("KR012", FindingStatus.Fail, target,
                    $"{binding} grants {roleText} to {subject.Name}: {everyone} can {(admin ? "administer the cluster" : "read Secrets, create workloads or change RBAC")}.",
                    evidence);
                continue;
            }

            yield return Create("KR012", FindingStatus.Pass, target, $"{binding} grants {subject.Name} nothing that takes over the cluster.");
            yield return s_discoveryRoles.Contains(binding.RoleName)
                ? Create("KR013", FindingStatus.Pass, target, $"{binding} grants only the discovery role {roleText} to {subject.Name}.")
                : Create("KR013", FindingStatus.Fail, target, $"{binding} grants {roleText} to {subject.Name}, beyond the discovery roles Kubernetes binds to it: {everyone} holds these rights.", evidence);
        }
    }

    // KR002, KR003, KR005, KR006, KR008–KR011: aggregated by subject and scope.
    private IEnumerable<Finding> SubjectRights(List<RbacGrant> grants)
    {
        foreach (var group in grants.GroupBy(g => (g.Subject.Kind, g.Subject.UserName, g.Namespace)).OrderBy(g => g.Key.UserName, StringComparer.Ordinal).ThenBy(g => g.Key.Namespace, StringComparer.Ordinal))
        {
            var subjectGrants = group.ToList();
            var subject = subjectGrants[0].Subject;
            var scope = group.Key.Namespace;
            var rights = new[]
            {
                scope is null ? RbacRight.ReadSecretsClusterWide : RbacRight.ReadSecretsInNamespace, RbacRight.CreateWorkloads, RbacRight.ExecAttach, RbacRight.EscalateBindImpersonate,
                RbacRight.NodesProxy, RbacRight.ApproveCsr, RbacRight.CreateTokens,
            };
            foreach (var right in rights)
            {
                var matched = right.Match(subjectGrants);
                var first = matched.Count > 0 ? matched[0] : subjectGrants[0];
                var target = SubjectTarget(subject, scope, first.Binding);
                if (matched.Count == 0)
                {
                    // Passes are built only when asked for: a large cluster has thousands of them.
                    if (includePassed)
                    {
                        yield return Create(right.RuleId, FindingStatus.Pass, target, $"{subject} has no such right {Scope(scope)}.");
                    }

                    continue;
                }

                var via = matched.Select(g => $"{g.Via}: {g.Rule}").Distinct().ToList();
                var finding = Create(right.RuleId, FindingStatus.Fail, target,
                    $"{subject} {right.Holds} {Scope(scope)} (through {string.Join(", ", matched.Select(g => g.Binding.ToString()).Distinct())}).",
                    new Evidence(string.Join("; ", via), right.Expected, Where(first.Binding)));

                // Waived only when every binding that grants the right waives it: one waiver must not hide another grant.
                var waivers = matched.Select(g => ObjectWaivers.Find(g.Binding.Source, right.RuleId)).ToList();
                yield return waivers.All(w => w is not null) ? ObjectWaivers.With(finding, waivers[0]!) : finding;
            }
        }
    }
}
