using System.Text.Json;
using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

/// <summary>A daemon that answers with canned /info, /networks/bridge and /version documents, or fails like an unreachable one.</summary>
internal sealed class FakeLiveDaemon(string endpoint, JsonElement? info, JsonElement? bridge = null, JsonElement? version = null, LiveDaemonException? failure = null)
    : ILiveDaemonQuery
{
    public string Endpoint => endpoint;

    public bool IsLocal => false;

    public void Dispose()
    {
    }

    public static FakeLiveDaemon From(JsonElement live) => new(
        "unix:///fixture/docker.sock",
        live.TryGetProperty("info", out var info) ? info : JsonDocument.Parse("{}").RootElement,
        live.TryGetProperty("bridge", out var bridge) ? bridge : null,
        live.TryGetProperty("version", out var version) ? version : null);

    public static FakeLiveDaemon Unreachable(string endpoint, bool timedOut) =>
        new(endpoint, null, failure: new LiveDaemonException(endpoint, $"Cannot connect to the Docker daemon at {endpoint}.", timedOut, null));

    public Task<LiveDaemonReport> QueryAsync(CancellationToken cancellationToken) =>
        failure is not null ? Task.FromException<LiveDaemonReport>(failure) : Task.FromResult(new LiveDaemonReport(endpoint, info!.Value, bridge, version));
}
