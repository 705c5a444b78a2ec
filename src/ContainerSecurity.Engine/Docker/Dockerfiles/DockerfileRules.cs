using ContainerSecurity.Engine.Docker.Dockerfiles.Rules;

namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>Every automated DI rule that reads a Dockerfile, in catalog order.</summary>
internal static class DockerfileRules
{
    public static IReadOnlyList<DockerfileRule> All { get; } =
        StageRules.Rules
            .Concat(PackageRules.Rules)
            .Concat(ContentRules.Rules)
            .OrderBy(r => r.RuleId, StringComparer.Ordinal)
            .ToArray();
}
