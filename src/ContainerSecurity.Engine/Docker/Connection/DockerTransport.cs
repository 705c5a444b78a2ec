using System.Net.Sockets;
using ContainerSecurity.Engine.Http;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;

namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>What one Docker connection's transport needs beyond the client options: its deadline and response bounds.</summary>
internal sealed record DockerTransportOptions(TimeSpan Timeout, ResponseLimits Limits);

/// <summary>
/// The HTTP transport of unix:// and tcp:// Docker connections: .NET's SocketsHttpHandler (a Unix socket is reached
/// through its ConnectCallback) with bounded headers, under a handler that bounds and buffers each body. It replaces
/// Docker.DotNet's own handlers, whose TCP connect, TLS handshake and response reads ignore the cancellation token (a
/// blackholed tcp:// endpoint hung past the timeout with Ctrl+C ignored) and which read headers without any bound.
/// </summary>
internal sealed class DockerTransport : IDockerHandlerFactory<DockerTransportOptions>
{
    private DockerTransport()
    {
    }

    public static DockerTransport Instance { get; } = new();

    /// <summary>Whether this transport serves <paramref name="scheme"/> (npipe:// stays with Docker.DotNet's own).</summary>
    public static bool Serves(string scheme) => scheme is "unix" or "tcp" or "http" or "https";

    public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
        CreateHandler(new DockerTransportOptions(clientOptions.Timeout, ResponseLimits.Docker), clientOptions, logger);

    public ResolvedTransport CreateHandler(DockerTransportOptions transportOptions, ResolvedClientOptions clientOptions, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(transportOptions);
        ArgumentNullException.ThrowIfNull(clientOptions);
        var endpoint = clientOptions.Endpoint;
        var sockets = new SocketsHttpHandler
        {
            ConnectTimeout = transportOptions.Timeout,
            MaxResponseHeadersLength = transportOptions.Limits.MaxHeaderKilobytes,
            AllowAutoRedirect = false,
        };

        Uri effective;
        if (endpoint.Scheme == "unix")
        {
            var socketPath = endpoint.LocalPath;
            sockets.UseProxy = false;
            sockets.ConnectCallback = (_, cancellationToken) => ConnectUnixAsync(socketPath, cancellationToken);
            effective = new Uri("http://docker/");
        }
        else
        {
            effective = new UriBuilder(endpoint) { Scheme = clientOptions.AuthProvider.TlsEnabled ? Uri.UriSchemeHttps : Uri.UriSchemeHttp }.Uri;
        }

        // The TLS credentials configure a SocketsHttpHandler, not the bounding handler around it (the builder offers
        // them the outer handler again, which they leave alone).
        var configured = clientOptions.AuthProvider.ConfigureHandler(sockets);
        return new ResolvedTransport(new BoundedResponseHandler(transportOptions.Limits.MaxBodyBytes) { InnerHandler = configured }, effective);
    }

    public Task<WriteClosableStream> HijackStreamAsync(HttpContent content) =>
        throw new NotSupportedException("The audits never attach to a container's streams.");

    private static async ValueTask<Stream> ConnectUnixAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
