namespace ContainerSecurity;

/// <summary>The platform a rule belongs to.</summary>
public enum Platform
{
    /// <summary>Docker Engine: daemon, host files, images and containers.</summary>
    Docker,
    /// <summary>Kubernetes: workloads, RBAC, control plane and nodes.</summary>
    Kubernetes,
}
