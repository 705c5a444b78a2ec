namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>
/// Resolves <see cref="DockerEndpointOptions"/> the way the docker CLI does: an explicit host, else DOCKER_HOST, else
/// the local socket; TLS when asked for (--tls/--tlsverify, DOCKER_TLS_VERIFY) or when certificate files are given,
/// with ca.pem, cert.pem and key.pem taken from DOCKER_CERT_PATH (default ~/.docker) when not given one by one.
/// </summary>
public static class DockerEndpointResolver
{
    /// <summary>The daemon's default address on Linux and macOS.</summary>
    public const string DefaultUnixHost = "unix:///var/run/docker.sock";

    /// <summary>The daemon's default address on Windows.</summary>
    public const string DefaultWindowsHost = "npipe:////./pipe/docker_engine";

    /// <summary>Resolves the endpoint; throws <see cref="ArgumentException"/> naming the bad value.</summary>
    public static DockerEndpoint Resolve(DockerEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = options.Environment ?? System.Environment.GetEnvironmentVariable;

        var (host, source) = !string.IsNullOrWhiteSpace(options.Host)
            ? (options.Host.Trim(), "-DockerHost")
            : !string.IsNullOrWhiteSpace(environment("DOCKER_HOST"))
                ? (environment("DOCKER_HOST")!.Trim(), "DOCKER_HOST")
                : (OperatingSystem.IsWindows() ? DefaultWindowsHost : DefaultUnixHost, "default");

        var uri = ParseHost(host, source);

        // DOCKER_TLS_VERIFY counts when set to anything non-empty (the CLI's rule), whatever the value.
        var verify = options.TlsVerify ?? !string.IsNullOrEmpty(environment("DOCKER_TLS_VERIFY"));
        var anyFileGiven = options.CertificateAuthorityPath is not null || options.CertificatePath is not null || options.KeyPath is not null;
        var useTls = uri.Scheme == "tcp" && (verify || options.Tls == true || anyFileGiven);
        if (uri.Scheme == "tcp" && uri.Port < 0)
        {
            // Like the CLI: the conventional daemon ports, 2376 with TLS and 2375 without.
            uri = new UriBuilder(uri) { Port = useTls ? 2376 : 2375 }.Uri;
        }
        if (!useTls)
        {
            if (anyFileGiven && uri.Scheme != "tcp")
            {
                throw new ArgumentException($"TLS certificates apply to tcp:// daemons only, but the endpoint '{host}' ({source}) is {uri.Scheme}://.");
            }

            return new DockerEndpoint(uri, source, UseTls: false, VerifyServer: false, null, null, null);
        }

        var certDirectory = environment("DOCKER_CERT_PATH");
        if (string.IsNullOrEmpty(certDirectory))
        {
            certDirectory = Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        }

        var ca = options.CertificateAuthorityPath ?? Path.Join(certDirectory, "ca.pem");
        var cert = options.CertificatePath ?? Path.Join(certDirectory, "cert.pem");
        var key = options.KeyPath ?? Path.Join(certDirectory, "key.pem");
        RequireFile(cert, "client certificate");
        RequireFile(key, "client key");
        if (verify)
        {
            RequireFile(ca, "CA certificate");
        }

        return new DockerEndpoint(uri, source, UseTls: true, VerifyServer: verify, verify ? ca : null, cert, key);
    }

    private static Uri ParseHost(string host, string source)
    {
        // The CLI accepts a bare host:port as tcp.
        var candidate = host.Contains("://", StringComparison.Ordinal) ? host : "tcp://" + host;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"The Docker endpoint '{host}' ({source}) is not a valid address; expected unix:///path, tcp://host:port or npipe:////./pipe/name.");
        }

        if (uri.Scheme is not ("unix" or "tcp" or "npipe" or "http" or "https"))
        {
            throw new ArgumentException($"The Docker endpoint '{host}' ({source}) uses the unsupported scheme '{uri.Scheme}'; expected unix, tcp or npipe (ssh:// endpoints need the docker CLI).");
        }

        return uri;
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"The TLS {what} '{path}' does not exist (set it explicitly or through DOCKER_CERT_PATH).");
        }
    }
}
