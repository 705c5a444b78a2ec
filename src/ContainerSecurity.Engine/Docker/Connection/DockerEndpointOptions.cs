namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>
/// How the user asked to reach a Docker daemon: the cmdlet's -DockerHost and TLS parameters. Anything left null is
/// resolved the way the docker CLI resolves it (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, then the local socket).
/// </summary>
public sealed record DockerEndpointOptions
{
    /// <summary>The daemon address (unix:///path, tcp://host:port, npipe://…); null means DOCKER_HOST, else the local socket.</summary>
    public string? Host { get; init; }

    /// <summary>Use TLS to a tcp:// daemon (docker --tls). Implied by any certificate option or by <see cref="TlsVerify"/>.</summary>
    public bool? Tls { get; init; }

    /// <summary>Verify the daemon's certificate against <see cref="CertificateAuthorityPath"/> (docker --tlsverify); null means DOCKER_TLS_VERIFY.</summary>
    public bool? TlsVerify { get; init; }

    /// <summary>The CA certificate (PEM) that signed the daemon's certificate; default DOCKER_CERT_PATH/ca.pem.</summary>
    public string? CertificateAuthorityPath { get; init; }

    /// <summary>The client certificate (PEM); default DOCKER_CERT_PATH/cert.pem.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The client certificate's private key (PEM); default DOCKER_CERT_PATH/key.pem.</summary>
    public string? KeyPath { get; init; }

    /// <summary>How long one API call may take before it fails with a timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How large one answer may be (headers and body); beyond it the call fails and names the bound.</summary>
    public Http.ResponseLimits ResponseLimits { get; init; } = Http.ResponseLimits.Docker;

    /// <summary>
    /// Reads an environment variable; null means the process environment. Tests pass their own so that they do not
    /// depend on (or change) the machine's DOCKER_* variables.
    /// </summary>
    public Func<string, string?>? Environment { get; init; }
}
