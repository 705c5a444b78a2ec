using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>KP014 hostPath volumes, KP015 container runtime sockets, KP034 volume types outside the restricted list.</summary>
internal sealed class VolumeChecks : IPodCheck
{
    /// <summary>The volume types the restricted Pod Security Standard allows.</summary>
    internal static readonly HashSet<string> RestrictedTypes = new(StringComparer.Ordinal)
    {
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
    };

    // The runtime sockets, and the directories that hold them (mounting the directory exposes the socket).
    private static readonly string[] s_runtimeSockets =
    [
        "/var/run/docker.sock", "/run/docker.sock", "/var/run/docker", "/run/docker",
        "/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/run/containerd", "/var/run/containerd",
        "/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/crio", "/run/crio",
        "/var/run/cri-dockerd.sock", "/run/cri-dockerd.sock",
    ];

    private static readonly string[] s_sensitive = ["/", "/etc", "/root", "/var/lib/kubelet", "/etc/kubernetes", "/var/log", "/proc", "/dev", "/sys", "/boot", "/var/run", "/run", "/var/lib/docker", "/var/lib/containerd", "/home"];

    public IReadOnlyList<string> RuleIds { get; } = ["KP014", "KP015", "KP034"];

    /// <summary>The type of a volume: its one key besides name.</summary>
    internal static string? VolumeType(ManifestNode volume) =>
        (volume as ManifestMapping)?.Entries.Select(e => e.Key).FirstOrDefault(k => k != "name");

    public void Evaluate(WorkloadView workload, PodCheckContext context)
    {
        var volumes = workload.List(workload.Spec, "volumes", workload.SpecPath);
        bool anyHostPath = false, anySocket = false, anyUnrestricted = false;
        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i];
            var path = $"{workload.SpecPath}.volumes[{i}]";
            var name = volume["name"]?.Text ?? "#" + i;
            var type = VolumeType(volume);
            if (type is not null && !RestrictedTypes.Contains(type))
            {
                anyUnrestricted = true;
                context.Fail("KP034", null, $"{path}.{type}", volume[type],
                    $"Volume '{name}' is of type {type}, outside the restricted Pod Security Standard list.", $"{type}", string.Join(", ", RestrictedTypes.Order(StringComparer.Ordinal)));
            }

            if (volume["hostPath"] is not { } hostPath)
            {
                continue;
            }

            var hostDirectory = workload.String(hostPath, "path", path + ".hostPath") ?? string.Empty;
            var normalized = hostDirectory.Length > 1 ? hostDirectory.TrimEnd('/') : hostDirectory;
            var mounts = MountsOf(workload, name);
            var container = mounts.FirstOrDefault();
            anyHostPath = true;
            var sensitive = s_sensitive.Contains(normalized, StringComparer.Ordinal);
            context.Fail("KP014", container, path + ".hostPath.path", hostPath["path"] ?? hostPath,
                $"Volume '{name}' mounts the node's {hostDirectory}{(sensitive ? ", a sensitive node path," : string.Empty)} into the pod{(mounts.Count > 0 ? $" (container {string.Join(", ", mounts.Select(c => "'" + c.Name + "'"))})" : string.Empty)}.",
                $"hostPath: {hostDirectory}", "no hostPath (use emptyDir, a ConfigMap or a PersistentVolumeClaim)");

            if (s_runtimeSockets.Contains(normalized, StringComparer.Ordinal))
            {
                anySocket = true;
                context.Fail("KP015", container, path + ".hostPath.path", hostPath["path"] ?? hostPath,
                    $"Volume '{name}' exposes the node's container runtime API ({hostDirectory}): whoever uses it controls every container on the node.",
                    $"hostPath: {hostDirectory}", "no container runtime socket in any pod");
            }
        }

        if (!anyHostPath)
        {
            context.Pass("KP014", null, workload.SpecPath + ".volumes", workload.Spec["volumes"], "Pod mounts no hostPath volume.");
        }

        if (!anySocket)
        {
            context.Pass("KP015", null, workload.SpecPath + ".volumes", workload.Spec["volumes"], "Pod mounts no container runtime socket.");
        }

        if (!anyUnrestricted)
        {
            context.Pass("KP034", null, workload.SpecPath + ".volumes", workload.Spec["volumes"], "Pod uses only volume types of the restricted list.");
        }
    }

    private static List<ContainerView> MountsOf(WorkloadView workload, string volume) =>
        workload.Containers.Where(c => workload.List(c.Node, "volumeMounts", c.Path).Any(m => m["name"]?.Text == volume)).ToList();
}
