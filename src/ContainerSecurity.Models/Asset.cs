namespace ContainerSecurity;

/// <summary>The kind of asset a threat applies to; the columns of the cheat sheet's STRIDE × asset matrix.</summary>
public enum Asset
{
    /// <summary>The Docker daemon and its configuration.</summary>
    Daemon,
    /// <summary>Files on the host: units, sockets, certificates, configuration.</summary>
    HostFiles,
    /// <summary>A container image or the Dockerfile that builds it.</summary>
    Image,
    /// <summary>A running or created Docker container.</summary>
    Container,
    /// <summary>A Kubernetes pod or the pod template of a workload.</summary>
    Pod,
    /// <summary>The Kubernetes cluster: RBAC, credentials, control plane, nodes and namespaces.</summary>
    Cluster,
}
