namespace ContainerSecurity.Engine.Docker.Containers.Rules;

/// <summary>Bind mounts: sensitive host directories (DC006), shared propagation (DC020), runtime sockets (DC030).</summary>
internal static class MountRules
{
    private static readonly string[] s_sensitiveRoots = ["/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/sys", "/usr", "/root", "/var/lib/docker"];

    private static readonly string[] s_runtimeSockets = ["docker.sock", "containerd.sock", "crio.sock", "podman.sock", "dockershim.sock", "cri-dockerd.sock"];

    // Directories that hold a runtime socket: mounting them exposes the socket as much as mounting the socket.
    private static readonly string[] s_socketDirectories = ["/run", "/var/run", "/run/containerd", "/var/run/containerd", "/run/docker", "/var/run/docker"];

    public static IEnumerable<ContainerRule> Rules =>
    [
        new("DC006", Sensitive),
        new("DC020", Propagation),
        new("DC030", RuntimeSocket),
    ];

    internal static bool IsRuntimeSocketMount(ContainerMount mount)
    {
        var source = Trim(mount.Source);
        return s_runtimeSockets.Any(socket => source.EndsWith("/" + socket, StringComparison.Ordinal) || Trim(mount.Destination).EndsWith("/" + socket, StringComparison.Ordinal))
            || s_socketDirectories.Contains(source, StringComparer.Ordinal);
    }

    private static string Trim(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static IEnumerable<ContainerMount> Binds(ContainerSubject subject) =>
        subject.Container.Mounts.Where(m => m.Type.Equals("bind", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<CheckResult> Sensitive(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var any = false;
        foreach (var mount in Binds(subject).Where(m => !IsRuntimeSocketMount(m)))
        {
            var source = Trim(mount.Source);
            var root = source == "/" ? "/" : s_sensitiveRoots.FirstOrDefault(r => source == r || source.StartsWith(r + "/", StringComparison.Ordinal));
            if (root is null)
            {
                continue;
            }

            any = true;
            yield return rule.Fail(
                $"Container '{c.Name}' mounts the host's {source} at {mount.Destination} {(mount.ReadWrite ? "read-write" : "read-only")}.",
                $"{source}:{mount.Destination}:{(mount.ReadWrite ? "rw" : "ro")}",
                "no bind mount of a system directory",
                "Mounts",
                mount.ReadWrite ? null : Severity.Medium);
        }

        if (!any)
        {
            yield return rule.Pass($"Container '{c.Name}' mounts no sensitive host directory.", $"{Binds(subject).Count()} bind mount(s)", "no bind mount of a system directory", "Mounts");
        }
    }

    private static IEnumerable<CheckResult> Propagation(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var shared = c.Mounts.Where(m => m.Propagation is "shared" or "rshared").ToArray();
        foreach (var mount in shared)
        {
            yield return rule.Fail(
                $"Container '{c.Name}' mounts {mount.Source} at {mount.Destination} with {mount.Propagation} propagation, so mounts cross between container and host.",
                $"{mount.Destination}:{mount.Propagation}",
                "private or rprivate (the default)",
                "Mounts.Propagation");
        }

        if (shared.Length == 0)
        {
            yield return rule.Pass($"Container '{c.Name}' has no mount with shared propagation.", string.Join(",", c.Mounts.Select(m => m.Propagation).Where(p => p.Length > 0).Distinct()) is { Length: > 0 } p ? p : "(none)", "private or rprivate (the default)", "Mounts.Propagation");
        }
    }

    private static IEnumerable<CheckResult> RuntimeSocket(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var sockets = Binds(subject).Where(IsRuntimeSocketMount).ToArray();
        foreach (var mount in sockets)
        {
            yield return rule.Fail(
                $"Container '{c.Name}' mounts the container runtime socket {mount.Source} at {mount.Destination}{(mount.ReadWrite ? string.Empty : " (read-only changes nothing: API calls still work)")}: root on the host for anyone in the container.",
                $"{mount.Source}:{mount.Destination}",
                "no runtime socket mounted",
                "Mounts");
        }

        if (sockets.Length == 0)
        {
            yield return rule.Pass($"Container '{c.Name}' does not mount a container runtime socket.", "(none)", "no runtime socket mounted", "Mounts");
        }
    }
}
