using System.Text.Json;

namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>
/// The Linux security modules and modes a daemon uses, from GET /info SecurityOptions ("name=apparmor",
/// "name=selinux", "name=userns", "name=rootless"); decides whether AppArmor and SELinux rules apply.
/// </summary>
public sealed record HostSecurityFeatures(bool AppArmor, bool SELinux, bool UserNamespaceRemap, bool Rootless)
{
    /// <summary>The daemon's container defaults (no-new-privileges), which inspect does not show; null when not read.</summary>
    public Daemon.DaemonContainerDefaults? Defaults { get; init; }

    /// <summary>Reads the features from a GET /info document.</summary>
    public static HostSecurityFeatures FromInfo(JsonElement info)
    {
        var names = info.Strings("SecurityOptions")
            .Select(option => option.Split(',')[0])
            .Select(first => first.StartsWith("name=", StringComparison.Ordinal) ? first[5..] : first)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new HostSecurityFeatures(names.Contains("apparmor"), names.Contains("selinux"), names.Contains("userns"), names.Contains("rootless"));
    }
}
