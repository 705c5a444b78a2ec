using System.Text.Json;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>The running daemon's answers the daemon audit uses, as the Engine API's own JSON documents.</summary>
/// <param name="Endpoint">The address that answered.</param>
/// <param name="Info">GET /info.</param>
/// <param name="BridgeNetwork">GET /networks/bridge; null when the daemon has no default bridge (--bridge=none).</param>
/// <param name="Version">GET /version.</param>
public sealed record LiveDaemonReport(string Endpoint, JsonElement Info, JsonElement? BridgeNetwork, JsonElement? Version);
