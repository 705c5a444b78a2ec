using ContainerSecurity.Engine.Docker.Containers.Rules;

namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>Every automated DC rule, in catalog order.</summary>
internal static class ContainerRules
{
    public static IReadOnlyList<ContainerRule> All { get; } =
        SecurityProfileRules.Rules
            .Concat(CapabilityRules.Rules)
            .Concat(MountRules.Rules)
            .Concat(NamespaceRules.Rules)
            .Concat(ResourceRules.Rules)
            .Concat(PortRules.Rules)
            .Concat(DeviceRules.Rules)
            .Concat(RuntimeRules.Rules)
            .Concat(EnvironmentRules.Rules)
            .OrderBy(r => r.RuleId, StringComparer.Ordinal)
            .ToArray();
}
