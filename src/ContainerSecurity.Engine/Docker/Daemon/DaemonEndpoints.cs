namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>Daemon addresses: defaults, and whether a configured listener is the endpoint being audited.</summary>
internal static class DaemonEndpoints
{
    public const string DefaultUnixHost = "unix:///var/run/docker.sock";

    /// <summary>The socket systemd's docker.socket creates for <c>-H fd://</c>.</summary>
    public const string SystemdSocketPath = "/run/docker.sock";

    /// <summary>The path of a unix:// address, the systemd socket for fd://; null for anything else.</summary>
    public static string? UnixPath(string host)
    {
        if (host.StartsWith("unix://", StringComparison.OrdinalIgnoreCase))
        {
            var path = host["unix://".Length..];
            return path.Length == 0 ? "/var/run/docker.sock" : path;
        }

        return host.StartsWith("fd://", StringComparison.OrdinalIgnoreCase) ? SystemdSocketPath : null;
    }

    public static bool IsTcp(string host) => host.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="configured"/> (a dockerd -H value) is the address <paramref name="endpoint"/> reaches.</summary>
    public static bool Serves(string configured, string endpoint)
    {
        var configuredPath = UnixPath(configured);
        var endpointPath = UnixPath(endpoint);
        if (configuredPath is not null && endpointPath is not null)
        {
            return string.Equals(Canonical(configuredPath), Canonical(endpointPath), StringComparison.Ordinal);
        }

        if (IsTcp(configured) && IsTcp(endpoint) && Uri.TryCreate(configured, UriKind.Absolute, out var a) && Uri.TryCreate(endpoint, UriKind.Absolute, out var b))
        {
            // A daemon bound to 0.0.0.0 serves any local address on its port.
            return a.Port == b.Port && (a.Host == b.Host || a.Host is "0.0.0.0" or "[::]" or "" || b.Host is "localhost" or "127.0.0.1");
        }

        return false;
    }

    /// <summary>/var/run is a symlink to /run on current distributions: compare real directories.</summary>
    private static string Canonical(string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(path) ?? "/";
            var real = new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(directory);
            return Path.Join(real, Path.GetFileName(path));
        }
        catch (IOException)
        {
            return path;
        }
    }
}
