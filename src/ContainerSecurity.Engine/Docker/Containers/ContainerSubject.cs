using ContainerSecurity.Engine.Docker.Connection;

namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>One container to audit, with what is known about its host.</summary>
/// <param name="Container">The container's inspect document.</param>
/// <param name="Host">The daemon's security features (live audits), or null when unknown (saved inspect output).</param>
/// <param name="Processes">Its processes (running containers of a live audit), or null when not listed.</param>
public sealed record ContainerSubject(ContainerInspection Container, HostSecurityFeatures? Host, DockerProcessList? Processes);
