namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>GET /containers/{id}/top: the ps column titles and one row of values per process.</summary>
public sealed record DockerProcessList(IReadOnlyList<string> Titles, IReadOnlyList<IReadOnlyList<string>> Processes);
