using ContainerSecurity.Engine.Kubernetes.Sources;

namespace ContainerSecurity.Engine.Kubernetes.Workloads;

/// <summary>A value that a container may set itself or inherit from the pod's securityContext.</summary>
/// <param name="Value">The effective value, or default when neither level sets it.</param>
/// <param name="Node">The node that decided it (for the position), or <see langword="null"/>.</param>
/// <param name="Path">The field that decided it, or the container field to set when neither level does.</param>
/// <param name="IsSet">Whether either level sets it.</param>
public readonly record struct EffectiveValue<T>(T? Value, ManifestNode? Node, string Path, bool IsSet);

/// <summary>
/// Reads the security settings a container ends up with: its own securityContext first, then the pod's, the way the
/// kubelet resolves them. Shared by the checks and the Pod Security Standards evaluator.
/// </summary>
public static class EffectiveSecurity
{
    /// <summary>securityContext.runAsNonRoot.</summary>
    public static EffectiveValue<bool?> RunAsNonRoot(this WorkloadView workload, ContainerView container) =>
        Resolve(workload, container, "runAsNonRoot", (w, node, path) => w.Bool(node, "runAsNonRoot", path));

    /// <summary>securityContext.runAsUser.</summary>
    public static EffectiveValue<long?> RunAsUser(this WorkloadView workload, ContainerView container) =>
        Resolve(workload, container, "runAsUser", (w, node, path) => w.Integer(node, "runAsUser", path));

    /// <summary>securityContext.seccompProfile.type.</summary>
    public static EffectiveValue<string?> SeccompType(this WorkloadView workload, ContainerView container) =>
        ResolveNested(workload, container, "seccompProfile", "type");

    /// <summary>securityContext.appArmorProfile.type.</summary>
    public static EffectiveValue<string?> AppArmorType(this WorkloadView workload, ContainerView container) =>
        ResolveNested(workload, container, "appArmorProfile", "type");

    /// <summary>Capabilities added by the container, as written.</summary>
    public static (IReadOnlyList<string> Values, ManifestNode? Node, string Path) AddedCapabilities(this WorkloadView workload, ContainerView container) =>
        Capabilities(workload, container, "add");

    /// <summary>Capabilities dropped by the container, as written.</summary>
    public static (IReadOnlyList<string> Values, ManifestNode? Node, string Path) DroppedCapabilities(this WorkloadView workload, ContainerView container) =>
        Capabilities(workload, container, "drop");

    /// <summary>A capability name without the CAP_ prefix, upper case (runtimes accept both spellings).</summary>
    public static string NormalizeCapability(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }

    /// <summary>Whether the container runs privileged (securityContext.privileged: true).</summary>
    public static bool IsPrivileged(this WorkloadView workload, ContainerView container) =>
        workload.Bool(container.SecurityContext, "privileged", container.SecurityContextPath) == true;

    private static (IReadOnlyList<string>, ManifestNode?, string) Capabilities(WorkloadView workload, ContainerView container, string key)
    {
        var capabilities = container.SecurityContext?["capabilities"];
        var path = container.SecurityContextPath + ".capabilities";
        return (workload.Strings(capabilities, key, path), capabilities?[key] ?? capabilities, path + "." + key);
    }

    private static EffectiveValue<T> Resolve<T>(WorkloadView workload, ContainerView container, string key, Func<WorkloadView, ManifestNode?, string, T> read)
    {
        var own = read(workload, container.SecurityContext, container.SecurityContextPath);
        if (own is not null)
        {
            return new(own, container.SecurityContext![key], container.SecurityContextPath + "." + key, true);
        }

        var pod = read(workload, workload.PodSecurityContext, workload.PodSecurityContextPath);
        return pod is not null
            ? new(pod, workload.PodSecurityContext![key], workload.PodSecurityContextPath + "." + key, true)
            : new(default, container.SecurityContext ?? (ManifestNode)container.Node, container.SecurityContextPath + "." + key, false);
    }

    private static EffectiveValue<string?> ResolveNested(WorkloadView workload, ContainerView container, string profile, string key)
    {
        var ownProfile = container.SecurityContext?[profile];
        var own = workload.String(ownProfile, key, $"{container.SecurityContextPath}.{profile}");
        if (own is not null)
        {
            return new(own, ownProfile![key], $"{container.SecurityContextPath}.{profile}.{key}", true);
        }

        var podProfile = workload.PodSecurityContext?[profile];
        var pod = workload.String(podProfile, key, $"{workload.PodSecurityContextPath}.{profile}");
        return pod is not null
            ? new(pod, podProfile![key], $"{workload.PodSecurityContextPath}.{profile}.{key}", true)
            : new(null, container.SecurityContext ?? (ManifestNode)container.Node, $"{container.SecurityContextPath}.{profile}.{key}", false);
    }
}
