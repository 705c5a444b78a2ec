namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>One row of GET /containers/json.</summary>
/// <param name="Id">The full container id.</param>
/// <param name="Names">The names without the leading slash.</param>
/// <param name="Image">The image as the container was created from it (reference or id).</param>
/// <param name="ImageId">The image id (sha256:…).</param>
/// <param name="State">created, running, paused, restarting, exited, dead.</param>
/// <param name="Labels">The container's labels.</param>
public sealed record DockerContainerSummary(
    string Id,
    IReadOnlyList<string> Names,
    string Image,
    string ImageId,
    string State,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The first name, as docker ps shows it.</summary>
    public string Name => Names.Count > 0 ? Names[0] : Id[..Math.Min(12, Id.Length)];
}
