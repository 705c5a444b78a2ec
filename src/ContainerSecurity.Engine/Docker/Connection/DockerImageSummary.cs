namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>One row of GET /images/json.</summary>
/// <param name="Id">The image id (sha256:…).</param>
/// <param name="RepoTags">Its tags (repository:tag); empty for a dangling image.</param>
/// <param name="RepoDigests">Its registry digests (repository@sha256:…).</param>
/// <param name="Labels">The image's labels.</param>
public sealed record DockerImageSummary(
    string Id,
    IReadOnlyList<string> RepoTags,
    IReadOnlyList<string> RepoDigests,
    IReadOnlyDictionary<string, string> Labels);
