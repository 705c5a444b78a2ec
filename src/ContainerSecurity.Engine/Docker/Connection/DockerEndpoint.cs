namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>A resolved daemon endpoint: where to connect and with which TLS material.</summary>
/// <param name="Uri">The daemon address as given (unix://, tcp://, npipe://).</param>
/// <param name="Source">Where the address came from: <c>-DockerHost</c>, <c>DOCKER_HOST</c> or <c>default</c>.</param>
/// <param name="UseTls">Whether the connection uses TLS (tcp:// only).</param>
/// <param name="VerifyServer">Whether the daemon's certificate is verified against <paramref name="CertificateAuthorityPath"/>.</param>
/// <param name="CertificateAuthorityPath">The CA file, when verifying.</param>
/// <param name="CertificatePath">The client certificate file, when using TLS.</param>
/// <param name="KeyPath">The client key file, when using TLS.</param>
public sealed record DockerEndpoint(
    Uri Uri,
    string Source,
    bool UseTls,
    bool VerifyServer,
    string? CertificateAuthorityPath,
    string? CertificatePath,
    string? KeyPath)
{
    /// <summary>The address as the user knows it, for messages and finding targets.</summary>
    public override string ToString() => Uri.OriginalString;
}
