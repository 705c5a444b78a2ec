using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;

namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>Opens a connection to a Docker daemon. Opening does not contact the daemon: the first call does.</summary>
public static class DockerConnection
{
    /// <summary>
    /// Resolves <paramref name="options"/> (see <see cref="DockerEndpointResolver"/>) and returns the API. Throws
    /// <see cref="ArgumentException"/> for a bad address or missing certificate file, and
    /// <see cref="DockerConnectionException"/> when the TLS material cannot be loaded.
    /// </summary>
    public static IDockerApi Open(DockerEndpointOptions options)
    {
        var endpoint = DockerEndpointResolver.Resolve(options);

        // unix:// and tcp:// go through the module's own transport (token-aware connects, bounded answers).
        DockerClientBuilder builder = DockerTransport.Serves(endpoint.Uri.Scheme)
            ? new DockerClientBuilder<DockerTransportOptions>(DockerTransport.Instance, new DockerTransportOptions(options.Timeout, options.ResponseLimits))
            : new DockerClientBuilder();
        builder = builder
            .WithEndpoint(endpoint.Uri)
            .WithTimeout(options.Timeout);
        if (endpoint.UseTls)
        {
            builder = builder.WithAuthProvider(CreateTlsCredentials(endpoint));
        }

        // No API version is pinned: unversioned paths get the daemon's own (newest) version, which keeps old
        // daemons such as 20.10 (API 1.41) working.
        return new DockerApi(builder.Build(), endpoint, options.Timeout, options.ResponseLimits);
    }

    private static IAuthProvider CreateTlsCredentials(DockerEndpoint endpoint)
    {
        try
        {
            var client = DockerTlsCertificates.LoadCertificateFromPemFiles(endpoint.CertificatePath!, endpoint.KeyPath!);
            if (endpoint.VerifyServer)
            {
                var authority = DockerTlsCertificates.LoadCertificateAuthorityFromPemFile(endpoint.CertificateAuthorityPath!);
                // The client certificate first, the authority second (swapped, the CA was offered as our certificate
                // and the daemon's certificate was checked against ours, so no --tlsverify daemon could be reached).
                return new DockerTlsCertificates(client, authority).CreateCredentials();
            }

            // docker --tls without --tlsverify: encrypted, but the daemon's certificate is not checked.
            return new CertificateCredentials(client) { ServerCertificateValidationCallback = static (_, _, _, _) => true };
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or IOException or ArgumentException)
        {
            throw new DockerConnectionException(
                $"Cannot load the TLS material for {endpoint} (certificate '{endpoint.CertificatePath}', key '{endpoint.KeyPath}', CA '{endpoint.CertificateAuthorityPath}'): {exception.Message}",
                timedOut: false,
                exception);
        }
    }
}
