using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP024 AppArmor unconfined (field or legacy annotation), KP025 custom SELinux options.</summary>
internal sealed class LinuxSecurityModuleChecks : IPodCheck
{
    private const string LegacyAppArmorAnnotation = "container.apparmor.security.beta.kubernetes.io/";

    /// <summary>The SELinux types the baseline Pod Security Standard allows.</summary>
    internal static readonly HashSet<string> AllowedSeLinuxTypes = new(StringComparer.Ordinal)
    {
        string.Empty, "container_t", "container_init_t", "container_kvm_t", "container_engine_t",
    };

    public IReadOnlyList<string> RuleIds { get; } = ["KP024", "KP025"];

    /// <summary>The effective AppArmor profile of a container: the field, else the legacy annotation.</summary>
    internal static (string? Type, Sources.ManifestNode? Node, string Path) AppArmor(WorkloadView workload, ContainerView container)
    {
        var field = workload.AppArmorType(container);
        if (field.IsSet)
        {
            return (field.Value, field.Node, field.Path);
        }

        var annotation = workload.PodMetadata?["annotations"]?[LegacyAppArmorAnnotation + container.Name];
        var value = annotation?.Text;
        var type = value switch
        {
            null => null,
            "unconfined" => "Unconfined",
            "runtime/default" => "RuntimeDefault",
            _ when value.StartsWith("localhost/", StringComparison.Ordinal) => "Localhost",
            _ => value,
        };
        return (type, annotation ?? field.Node, annotation is null ? field.Path : $"{workload.MetadataPath}.annotations['{LegacyAppArmorAnnotation}{container.Name}']");
    }

    /// <summary>The seLinuxOptions of the pod and the container, with the offending parts.</summary>
    internal static IEnumerable<(string Path, Sources.ManifestNode Node, string Detail)> SeLinuxViolations(WorkloadView workload)
    {
        var scopes = new List<(Sources.ManifestNode? Context, string Path)> { (workload.PodSecurityContext, workload.PodSecurityContextPath) };
        scopes.AddRange(workload.Containers.Select(c => ((Sources.ManifestNode?)c.SecurityContext, c.SecurityContextPath)));
        foreach (var (securityContext, path) in scopes)
        {
            var options = securityContext?["seLinuxOptions"];
            if (options is null)
            {
                continue;
            }

            var optionsPath = path + ".seLinuxOptions";
            var type = workload.String(options, "type", optionsPath);
            if (type is not null && !AllowedSeLinuxTypes.Contains(type))
            {
                yield return (optionsPath + ".type", options["type"]!, $"type {type}");
            }

            foreach (var key in new[] { "user", "role" })
            {
                var value = workload.String(options, key, optionsPath);
                if (!string.IsNullOrEmpty(value))
                {
                    yield return ($"{optionsPath}.{key}", options[key]!, $"{key} {value}");
                }
            }
        }
    }

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        if (!workload.IsWindows)
        {
            var podProfileInherited = false;
            foreach (var container in workload.Containers)
            {
                var (type, node, path) = AppArmor(workload, container);
                podProfileInherited |= path.StartsWith(workload.PodSecurityContextPath, StringComparison.Ordinal);
                context.Report(type is not null and not "RuntimeDefault" and not "Localhost", "KP024", container, path, node,
                    $"Container '{container.Name}' runs without AppArmor confinement ({type}).",
                    $"Container '{container.Name}' keeps AppArmor confinement ({type ?? "runtime default"}).", $"appArmorProfile: {type}", "RuntimeDefault, Localhost or unset");
            }

            // As for seccomp, the Pod Security Standards (baseline) judge the pod-level profile even when every container overrides it.
            var podPath = workload.PodSecurityContextPath + ".appArmorProfile";
            var podProfile = workload.PodSecurityContext?["appArmorProfile"];
            if (!podProfileInherited && workload.String(podProfile, "type", podPath) is { } podType and not "RuntimeDefault" and not "Localhost")
            {
                context.Fail("KP024", null, podPath + ".type", podProfile!["type"],
                    $"Pod sets AppArmor profile {podType} in its securityContext: its containers override it, but a container added later (kubectl debug) runs with it, and the Pod Security Standards forbid it at pod and container level.",
                    $"spec.securityContext.appArmorProfile.type: {podType}", "RuntimeDefault, Localhost or unset");
            }
        }

        var violations = SeLinuxViolations(workload).ToList();
        foreach (var (path, node, detail) in violations)
        {
            var container = workload.Containers.FirstOrDefault(c => path.StartsWith(c.Path + ".", StringComparison.Ordinal));
            context.Fail("KP025", container, path, node,
                $"{(container is null ? "Pod" : $"Container '{container.Name}'")} sets a custom SELinux {detail}, outside the container confinement.", detail, "type container_t (or unset), no user or role");
        }

        if (violations.Count == 0)
        {
            context.Pass("KP025", null, workload.PodSecurityContextPath + ".seLinuxOptions", workload.PodSecurityContext, "No custom SELinux options.");
        }
    }
}
