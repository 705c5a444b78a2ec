using System.Net;
using System.Text.Json;
using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Docker.Containers;

/// <summary>Errors about a container name it: the client's own messages only quote the id it asked for.</summary>
public sealed class ContainerErrorNameTests
{
    private const string Id = "4f1c2a9be0d711aa5c1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70";

    [Theory]
    [InlineData(true, "DockerTimeout")]
    [InlineData(false, "DockerUnreachable")]
    [InlineData(null, "DockerRequestFailed")]
    public async Task A_container_that_could_not_be_inspected_is_named_in_the_error(bool? timedOut, string errorId)
    {
        Exception failure = timedOut is { } t
            ? new DockerConnectionException($"The Docker daemon at unix:///x.sock did not answer the container request for '{Id}'.", t, null)
            : new DockerApiRequestException($"The Docker daemon at unix:///x.sock refused the container request for '{Id}' (500).", HttpStatusCode.InternalServerError, null);
        using var api = new FailingInspectApi(failure);
        var summary = new DockerContainerSummary(Id, ["payments-db"], "postgres:16", "sha256:1", "running", new Dictionary<string, string>());

        var events = new List<ScanEvent>();
        await foreach (var scanEvent in ContainerScanner.ScanLiveAsync(api, [summary], new() { RuleIds = new HashSet<string> { "DC005" } }, CancellationToken.None))
        {
            events.Add(scanEvent);
        }

        var problem = Assert.Single(events.OfType<ProblemEvent>()).Problem;
        Assert.Equal(errorId, problem.ErrorId);
        Assert.Equal("payments-db", problem.Target);
        Assert.StartsWith("Container 'payments-db' (4f1c2a9be0d7) was not audited: ", problem.Exception.Message, StringComparison.Ordinal);
    }

    private sealed class FailingInspectApi(Exception failure) : IDockerApi
    {
        public DockerEndpoint Endpoint { get; } = new(new Uri("unix:///x.sock"), "-DockerHost", false, false, null, null, null);

        public void Dispose()
        {
        }

        public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<JsonElement> GetVersionAsync(CancellationToken cancellationToken) => Task.FromResult(JsonDocument.Parse("{}").RootElement);

        public Task<JsonElement> GetInfoAsync(CancellationToken cancellationToken) => Task.FromResult(JsonDocument.Parse("{\"SecurityOptions\": []}").RootElement);

        public Task<JsonElement> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DockerContainerSummary>> ListContainersAsync(bool all, IReadOnlyList<string>? labelFilters, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<JsonElement> InspectContainerAsync(string idOrName, CancellationToken cancellationToken) => Task.FromException<JsonElement>(failure);

        public Task<DockerProcessList> ListProcessesAsync(string idOrName, string? psArguments, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DockerImageSummary>> ListImagesAsync(bool all, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<JsonElement> InspectImageAsync(string idOrReference, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
