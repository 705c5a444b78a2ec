using System.Text.Json;

namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>
/// The Docker Engine API calls the audits need, in BCL and engine types only. Inspect answers are the Engine API's
/// own JSON documents (the same shape <c>docker inspect</c> prints), so a live audit and an offline audit of saved
/// inspect output read one format. Every call throws <see cref="DockerObjectNotFoundException"/> for a missing
/// object, <see cref="DockerConnectionException"/> when the daemon cannot be reached or does not answer in time, and
/// <see cref="DockerApiRequestException"/> for any other refusal.
/// </summary>
public interface IDockerApi : IDisposable
{
    /// <summary>The endpoint this connection talks to.</summary>
    DockerEndpoint Endpoint { get; }

    /// <summary>GET /_ping: succeeds when the daemon answers.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>GET /version.</summary>
    Task<JsonElement> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>GET /info.</summary>
    Task<JsonElement> GetInfoAsync(CancellationToken cancellationToken);

    /// <summary>GET /networks/{idOrName}, for example "bridge".</summary>
    Task<JsonElement> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken);

    /// <summary>GET /containers/json: running containers, or all with <paramref name="all"/>; optional label filters ("key" or "key=value").</summary>
    Task<IReadOnlyList<DockerContainerSummary>> ListContainersAsync(bool all, IReadOnlyList<string>? labelFilters, CancellationToken cancellationToken);

    /// <summary>GET /containers/{id}/json.</summary>
    Task<JsonElement> InspectContainerAsync(string idOrName, CancellationToken cancellationToken);

    /// <summary>GET /containers/{id}/top; <paramref name="psArguments"/> as for docker top (null: the daemon's default "-ef").</summary>
    Task<DockerProcessList> ListProcessesAsync(string idOrName, string? psArguments, CancellationToken cancellationToken);

    /// <summary>GET /images/json (top-level images; intermediate layers too with <paramref name="all"/>).</summary>
    Task<IReadOnlyList<DockerImageSummary>> ListImagesAsync(bool all, CancellationToken cancellationToken);

    /// <summary>GET /images/{name}/json.</summary>
    Task<JsonElement> InspectImageAsync(string idOrReference, CancellationToken cancellationToken);
}
