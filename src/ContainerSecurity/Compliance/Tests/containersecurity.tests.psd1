# The targets of the ContainerSecurity compliance suites in this folder, read when they run with plain Invoke-Pester
# (Invoke-ContainerSecurityTest passes its parameters instead). Relative paths are relative to this file's folder.
# A suite whose targets are all empty reports one skipped test saying which setting it needs.
@{
    # Docker host (Docker.Daemon.Tests.ps1): daemon.json audited offline, extra dockerd flags, and the root of the host
    # file system whose files CIS section 3 checks ('/' when empty).
    DaemonConfigPath     = ''
    DaemonArgument       = @()
    Root                 = ''

    # A live daemon (unix:///var/run/docker.sock, tcp://host:2376): its configuration and its running containers.
    DockerHost           = ''

    # Containers (Docker.Containers.Tests.ps1): saved `docker inspect` output.
    ContainerInspectPath = @()

    # Dockerfiles (Docker.Dockerfiles.Tests.ps1): files or folders.
    DockerfilePath       = @()

    # Kubernetes manifests (workloads, RBAC, static pods, kubelet configuration, namespaces): files or folders.
    ManifestPath         = @()

    # A live cluster: the kubeconfig context, and the kubeconfig file (also audited by Kubernetes.KubeConfig.Tests.ps1).
    Context              = ''
    KubeConfig           = ''

    # Only rules of this severity or worse become tests: Info, Low, Medium, High or Critical.
    MinimumSeverity      = 'Info'
}
