using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Kubernetes.Rbac;

/// <summary>Targets and findings for RBAC: about a subject (where it holds a right), a binding, or a role.</summary>
internal static class RbacFindingBuilder
{
    /// <summary>A subject in a scope; the file position is that of the first binding that grants the right.</summary>
    public static FindingTarget SubjectTarget(RbacSubject subject, string? scope, RbacBinding binding) => new()
    {
        File = binding.Source is { IsLive: false } source ? source.File : null,
        Line = binding.Source is { IsLive: false } lined ? lined.Line : null,
        Kind = subject.Kind,
        Name = subject.UserName,
        Namespace = scope,
        FieldPath = binding.ToString(),
    };

    public static FindingTarget ObjectTarget(string kind, string name, string? ns, Sources.ManifestObject? source, string? fieldPath = null, int? line = null, int? column = null) => new()
    {
        File = source is { IsLive: false } ? source.File : null,
        Line = source is { IsLive: false } ? line ?? source.Line : null,
        Column = source is { IsLive: false } ? column : null,
        Kind = kind,
        Name = name,
        Namespace = ns,
        FieldPath = fieldPath,
    };

    public static string Scope(string? ns) => ns is null ? "in every namespace" : $"in namespace '{ns}'";

    public static string Where(RbacBinding binding) =>
        binding.Source is { IsLive: false } source ? $"{source.File}:{source.Line}" : binding.Source?.ToString() ?? binding.ToString();

    public static Finding Create(string ruleId, FindingStatus status, FindingTarget target, string message, Evidence? evidence = null, Severity? severity = null) =>
        FindingFactory.Create(ruleId, status, target, message, evidence, null, severity);
}
