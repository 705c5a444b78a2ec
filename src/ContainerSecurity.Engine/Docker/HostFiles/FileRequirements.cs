using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Engine.Docker.HostFiles;

/// <summary>CIS Docker 1.6.0 section 3: which files, which owner, which mode (docker-bench-security's numbering in the comments).</summary>
internal static class FileRequirements
{
    private const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode755 = Mode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode Mode444 = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode400 = UnixFileMode.UserRead;
    private const UnixFileMode Mode660 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>systemd's unit search path, highest precedence first.</summary>
    public static readonly string[] UnitDirectories = ["/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system"];

    private static readonly string[] s_tlsKeys = ["tls", "tlsverify"];

    public static IEnumerable<FileRequirement> All()
    {
        // 3.1, 3.2
        yield return new("the docker.service unit", "DF001", "DF002", Mode644, c => Unit(c, "docker.service"), _ => "No docker.service unit or drop-in exists: the daemon is not managed by systemd here.");

        // 3.3, 3.4
        yield return new("the docker.socket unit", "DF003", "DF004", Mode644, c => Unit(c, "docker.socket"), _ => "No docker.socket unit or drop-in exists.");

        // 3.5, 3.6
        yield return new("the /etc/docker directory", "DF005", "DF006", Mode755, c => Existing(c, "/etc/docker"), _ => "/etc/docker does not exist.");

        // 3.7, 3.8
        yield return new("registry certificate files", "DF007", "DF008", Mode444, RegistryCertificates, _ => "/etc/docker/certs.d holds no registry certificates.");

        // 3.9, 3.10
        yield return new("the TLS CA certificate", "DF009", "DF010", Mode444, c => TlsFile(c, "tlscacert"), NoTls, SettingKeys: [.. s_tlsKeys, "tlscacert"]);

        // 3.11, 3.12
        yield return new("the daemon's TLS certificate", "DF011", "DF012", Mode444, c => TlsFile(c, "tlscert"), NoTls, SettingKeys: [.. s_tlsKeys, "tlscert"]);

        // 3.13, 3.14
        yield return new("the daemon's TLS key", "DF013", "DF014", Mode400, c => TlsFile(c, "tlskey"), NoTls, SettingKeys: [.. s_tlsKeys, "tlskey"]);

        // 3.15, 3.16
        yield return new("the Docker socket", "DF015", "DF016", Mode660, DockerSockets, _ => "The daemon listens on no unix socket that exists on this host (it is not running, or only on TCP).",
            c => c.Config["group"].Value?.Scalar ?? "docker", ["hosts", "group"]);

        // 3.17, 3.18
        yield return new("the daemon configuration file", "DF017", "DF018", Mode644, c => c.ConfigFile is { } f && File.Exists(f.LocalPath) ? [f] : [], c => $"{c.ConfigFile?.HostPath ?? DaemonConfigFile.DefaultPath} does not exist: the daemon runs on defaults and flags.");

        // 3.19, 3.20
        yield return new("/etc/default/docker", "DF019", "DF020", Mode644, c => Existing(c, "/etc/default/docker"), _ => "/etc/default/docker does not exist.");

        // 3.22 (ownership), 3.21 (permissions): docker-bench numbers these two the other way round from the rest.
        yield return new("/etc/sysconfig/docker", "DF022", "DF021", Mode644, c => Existing(c, "/etc/sysconfig/docker"), _ => "/etc/sysconfig/docker does not exist.");

        // 3.23, 3.24
        yield return new("the containerd socket", "DF023", "DF024", Mode660, ContainerdSockets, _ => "No containerd socket exists (/run/containerd/containerd.sock or the daemon's --containerd address).", SettingKeys: ["containerd"]);
    }

    private static List<AuditedFile> Existing(DaemonAuditContext context, string hostPath)
    {
        var local = context.Root.Resolve(hostPath);
        return File.Exists(local) || Directory.Exists(local) ? [new AuditedFile(hostPath, local)] : [];
    }

    private static List<AuditedFile> Unit(DaemonAuditContext context, string unit)
    {
        var files = new List<AuditedFile>();
        var fragment = UnitDirectories.Select(d => $"{d}/{unit}").FirstOrDefault(p => File.Exists(context.Root.Resolve(p)));
        if (fragment is not null)
        {
            files.Add(new AuditedFile(fragment, context.Root.Resolve(fragment)));
        }

        foreach (var directory in UnitDirectories.Select(d => $"{d}/{unit}.d"))
        {
            var local = context.Root.Resolve(directory);
            if (Directory.Exists(local))
            {
                files.AddRange(Directory.EnumerateFiles(local, "*.conf").Order(StringComparer.Ordinal)
                    .Select(f => new AuditedFile($"{directory}/{Path.GetFileName(f)}", f)));
            }
        }

        // /lib is a link to /usr/lib on merged-/usr systems: the same file once.
        return files.DistinctBy(f => Path.GetFullPath(f.LocalPath)).ToList();
    }

    private static List<AuditedFile> RegistryCertificates(DaemonAuditContext context)
    {
        var local = context.Root.Resolve("/etc/docker/certs.d");
        if (!Directory.Exists(local))
        {
            return [];
        }

        return Directory.EnumerateFiles(local, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal)
            .Select(f => new AuditedFile("/etc/docker/certs.d/" + Path.GetRelativePath(local, f), f))
            .ToList();
    }

    private static List<AuditedFile> TlsFile(DaemonAuditContext context, string key)
    {
        if (!context.Config.UsesTls)
        {
            return [];
        }

        var path = context.Config[key].Value?.Scalar;
        return string.IsNullOrEmpty(path) ? [] : [new AuditedFile(path, context.Root.Resolve(path), Required: true)];
    }

    private static string NoTls(DaemonAuditContext context) =>
        $"The daemon does not use TLS ({context.Config["tlsverify"].Provenance}; {context.Config["tls"].Provenance}).";

    private static List<AuditedFile> DockerSockets(DaemonAuditContext context) =>
        context.Config.Hosts.Select(DaemonEndpoints.UnixPath).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(p => new AuditedFile(p, context.Root.Resolve(p)))
            .Where(f => File.Exists(f.LocalPath))
            .DistinctBy(f => Path.GetFullPath(f.LocalPath))
            .ToList();

    private static List<AuditedFile> ContainerdSockets(DaemonAuditContext context)
    {
        var paths = new List<string> { "/run/containerd/containerd.sock" };
        if (context.Config["containerd"].Value?.Scalar is { Length: > 0 } configured)
        {
            paths.Add(configured.StartsWith("unix://", StringComparison.Ordinal) ? configured["unix://".Length..] : configured);
        }

        return paths.Distinct(StringComparer.Ordinal)
            .Select(p => new AuditedFile(p, context.Root.Resolve(p)))
            .Where(f => File.Exists(f.LocalPath))
            .DistinctBy(f => Path.GetFullPath(f.LocalPath))
            .ToList();
    }
}
