using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ContainerSecurity.Engine.Http;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>
/// <see cref="IDockerApi"/> over Docker.DotNet. The library's typed answers are turned back into the Engine API's
/// JSON (its models carry the API's property names), so callers never see a Docker.DotNet type and read live and
/// saved inspect output alike. Each call has its own deadline, and the library's exceptions become ours.
/// </summary>
internal sealed class DockerApi : IDockerApi
{
    private readonly DockerClient _client;
    private readonly TimeSpan _timeout;
    private readonly ResponseLimits _limits;

    public DockerApi(DockerClient client, DockerEndpoint endpoint, TimeSpan timeout, ResponseLimits limits)
    {
        _client = client;
        _timeout = timeout;
        _limits = limits;
        Endpoint = endpoint;
    }

    public DockerEndpoint Endpoint { get; }

    public Task PingAsync(CancellationToken cancellationToken) =>
        CallAsync("ping", "_ping", async token => { await _client.System.PingAsync(token).ConfigureAwait(false); return true; }, cancellationToken);

    public Task<JsonElement> GetVersionAsync(CancellationToken cancellationToken) =>
        CallAsync("version", "version", async token => ToJson(await _client.System.GetVersionAsync(token).ConfigureAwait(false)), cancellationToken);

    public Task<JsonElement> GetInfoAsync(CancellationToken cancellationToken) =>
        CallAsync("info", "info", async token => ToJson(await _client.System.GetSystemInfoAsync(token).ConfigureAwait(false)), cancellationToken);

    public Task<JsonElement> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken) =>
        CallAsync("network", idOrName, async token => ToJson(await _client.Networks.InspectNetworkAsync(idOrName, token).ConfigureAwait(false)), cancellationToken);

    public Task<IReadOnlyList<DockerContainerSummary>> ListContainersAsync(bool all, IReadOnlyList<string>? labelFilters, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<DockerContainerSummary>>("container list", "containers", async token =>
        {
            var parameters = new ContainersListParameters { All = all };
            if (labelFilters is { Count: > 0 })
            {
                parameters.Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = labelFilters.ToDictionary(label => label, _ => true, StringComparer.Ordinal),
                };
            }

            var rows = await _client.Containers.ListContainersAsync(parameters, token).ConfigureAwait(false);
            return rows.Select(row => new DockerContainerSummary(
                row.ID,
                (row.Names ?? []).Select(name => name.TrimStart('/')).ToArray(),
                row.Image ?? string.Empty,
                row.ImageID ?? string.Empty,
                row.State ?? string.Empty,
                Copy(row.Labels))).ToArray();
        }, cancellationToken);

    public Task<JsonElement> InspectContainerAsync(string idOrName, CancellationToken cancellationToken) =>
        CallAsync("container", idOrName, async token => ToJson(await _client.Containers.InspectContainerAsync(idOrName, token).ConfigureAwait(false)), cancellationToken);

    public Task<DockerProcessList> ListProcessesAsync(string idOrName, string? psArguments, CancellationToken cancellationToken) =>
        CallAsync("container", idOrName, async token =>
        {
            var parameters = new ContainerListProcessesParameters();
            if (psArguments is not null)
            {
                parameters.PsArgs = psArguments;
            }

            var top = await _client.Containers.ListProcessesAsync(idOrName, parameters, token).ConfigureAwait(false);
            return new DockerProcessList(
                (top.Titles ?? []).ToArray(),
                (top.Processes ?? []).Select(process => (IReadOnlyList<string>)process.ToArray()).ToArray());
        }, cancellationToken);

    public Task<IReadOnlyList<DockerImageSummary>> ListImagesAsync(bool all, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<DockerImageSummary>>("image list", "images", async token =>
        {
            var rows = await _client.Images.ListImagesAsync(new ImagesListParameters { All = all }, token).ConfigureAwait(false);
            return rows.Select(row => new DockerImageSummary(
                row.ID,
                (row.RepoTags ?? []).ToArray(),
                (row.RepoDigests ?? []).ToArray(),
                Copy(row.Labels))).ToArray();
        }, cancellationToken);

    public Task<JsonElement> InspectImageAsync(string idOrReference, CancellationToken cancellationToken) =>
        CallAsync("image", idOrReference, async token => ToJson(await _client.Images.InspectImageAsync(idOrReference, token).ConfigureAwait(false)), cancellationToken);

    public void Dispose() => _client.Dispose();

    private static JsonElement ToJson<T>(T model) => EngineApiJson.ToJson(model);

    private static Dictionary<string, string> Copy(IDictionary<string, string>? labels) =>
        labels is null ? new(StringComparer.Ordinal) : new(labels, StringComparer.Ordinal);

    private async Task<T> CallAsync<T>(string kind, string name, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            return await call(deadline.Token).ConfigureAwait(false);
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            throw new DockerObjectNotFoundException($"The Docker daemon at {Endpoint} has no {kind} '{name}'.", name, exception);
        }
        catch (DockerApiException exception)
        {
            throw new DockerApiRequestException(
                $"The Docker daemon at {Endpoint} refused the {kind} request for '{name}' ({(int)exception.StatusCode} {exception.StatusCode}): {DaemonMessage(exception)}",
                exception.StatusCode,
                exception);
        }
        catch (Exception exception) when (ResponseTooLargeException.IsCause(exception, out var limitBytes, out var headers))
        {
            var bound = headers
                ? $"headers longer than {BoundedResponseHandler.Describe(_limits.MaxHeaderBytes)}"
                : $"a body larger than {BoundedResponseHandler.Describe(limitBytes)}";
            throw new DockerConnectionException(
                $"The Docker daemon at {Endpoint} answered the {kind} request for '{name}' with {bound}; the answer was not read.", timedOut: false, responseTooLarge: true, exception);
        }
        catch (JsonException exception)
        {
            // A web server or proxy on the wrong port, or JSON of another shape: Docker.DotNet's decoder gives up. The
            // answer is not quoted (it may be anything); the JSON path says where it stopped making sense.
            var where = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? string.Empty : $" (at {exception.Path})";
            throw new DockerConnectionException(
                $"The Docker daemon at {Endpoint} answered the {kind} request for '{name}' with something that is not Docker Engine API JSON{where}; the answer was not read.", timedOut: false, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(kind, name, exception);
        }
        catch (TimeoutException exception)
        {
            throw TimedOut(kind, name, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or IOException)
        {
            var reason = Find<SocketException>(exception) is { } socketError
                ? DockerConnectFailure.Describe(Endpoint, socketError)
                : Innermost(exception).Message;
            throw new DockerConnectionException($"Cannot reach the Docker daemon at {Endpoint} ({Endpoint.Source}): {reason.TrimEnd('.')}.", timedOut: false, exception);
        }
    }

    private DockerConnectionException TimedOut(string kind, string name, Exception exception) =>
        new($"The Docker daemon at {Endpoint} did not answer the {kind} request for '{name}' within {_timeout.TotalSeconds:0.#} s.", timedOut: true, exception);

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string DaemonMessage(DockerApiException exception)
    {
        try
        {
            using var body = JsonDocument.Parse(exception.ResponseBody ?? string.Empty);
            return ServerMessage.Quote(body.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : exception.ResponseBody);
        }
        catch (JsonException)
        {
            return ServerMessage.Quote(exception.ResponseBody);
        }
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
