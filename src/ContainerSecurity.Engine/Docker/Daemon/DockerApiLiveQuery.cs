using System.Text.Json;
using ContainerSecurity.Engine.Docker.Connection;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>Asks the daemon behind a <see cref="IDockerApi"/> connection for GET /info, /networks/bridge and /version.</summary>
public sealed class DockerApiLiveQuery(IDockerApi api) : ILiveDaemonQuery
{
    public string Endpoint => api.Endpoint.ToString();

    public bool IsLocal => api.Endpoint.Uri.Scheme == "unix";

    public void Dispose() => api.Dispose();

    /// <summary>Opens a connection as the docker CLI would resolve it (-DockerHost, DOCKER_HOST, the local socket, TLS options).</summary>
    /// <exception cref="ArgumentException">The address or a certificate path is not valid.</exception>
    /// <exception cref="LiveDaemonException">The TLS material cannot be loaded.</exception>
    public static DockerApiLiveQuery Open(DockerEndpointOptions options)
    {
        try
        {
            return new DockerApiLiveQuery(DockerConnection.Open(options));
        }
        catch (DockerConnectionException e)
        {
            throw new LiveDaemonException(options.Host ?? "DOCKER_HOST", e.Message, e.TimedOut, e);
        }
    }

    public async Task<LiveDaemonReport> QueryAsync(CancellationToken cancellationToken)
    {
        try
        {
            var info = await api.GetInfoAsync(cancellationToken).ConfigureAwait(false);
            var version = await api.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            JsonElement? bridge;
            try
            {
                bridge = await api.InspectNetworkAsync("bridge", cancellationToken).ConfigureAwait(false);
            }
            catch (DockerObjectNotFoundException)
            {
                // --bridge=none: there is no default bridge, so icc has nothing to apply to.
                bridge = null;
            }

            return new LiveDaemonReport(Endpoint, info, bridge, version);
        }
        catch (DockerConnectionException e)
        {
            throw new LiveDaemonException(Endpoint, $"{Endpoint}: {e.Message}", e.TimedOut, e);
        }
        catch (DockerApiRequestException e)
        {
            throw new LiveDaemonException(Endpoint, $"{Endpoint} refused the request ({(int)e.StatusCode}): {e.Message}", false, e);
        }
    }
}
