namespace ContainerSecurity.Engine.Files;

/// <summary>
/// One kind of input file: what folders are searched for, and how much one file may hold. The bounds are far above
/// any real file of the kind (each says why) and exist so that /dev/zero, a runaway log or a hostile file ends in a
/// clear error instead of exhausting memory. Every cmdlet that reads files names its kind here, so the rules for
/// folders, links and special files are the same everywhere (<see cref="InputFileWalker"/>).
/// </summary>
/// <param name="Noun">What a file of this kind is called in messages ("Dockerfile", "docker inspect file").</param>
/// <param name="MaxBytes">The most one file may hold.</param>
/// <param name="IsWanted">Which file names a folder walk reads; null when folders are not accepted.</param>
public sealed record InputKind(string Noun, long MaxBytes, Func<string, bool>? IsWanted)
{
    private const long MiB = 1024 * 1024;

    /// <summary>Dockerfiles: real ones are at most a few hundred KB; 16 MiB.</summary>
    public static InputKind Dockerfile { get; } = new("Dockerfile", 16 * MiB, Docker.Dockerfiles.DockerfileScanner.IsDockerfileName);

    /// <summary>docker inspect output: about 10–30 KB per container, so 256 MiB holds some 10,000 containers.</summary>
    public static InputKind ContainerInspect { get; } = new("docker inspect file", 256 * MiB, name => name.EndsWith(".json", StringComparison.OrdinalIgnoreCase));

    /// <summary>daemon.json: a few KB in practice; 16 MiB.</summary>
    public static InputKind DaemonConfig { get; } = new("daemon configuration file", 16 * MiB, null);

    /// <summary>kubeconfig: embedded certificates make it KBs per cluster; 64 MiB.</summary>
    public static InputKind KubeConfig { get; } = new("kubeconfig file", 64 * MiB, null);

    /// <summary>
    /// Kubernetes manifests: read as a stream (memory does not grow with the file), and the API server stores objects
    /// of at most 1.5 MB, so 4 GiB holds any real <c>kubectl get -A -o yaml</c> dump; it bounds an endless file.
    /// </summary>
    public static InputKind Manifest { get; } = new("manifest", 4096 * MiB, name => Path.GetExtension(name).ToLowerInvariant() is ".yaml" or ".yml" or ".json");

    /// <summary>A file a kubeconfig or daemon setting points to (certificate, key, token): 16 MiB.</summary>
    public static InputKind ReferencedFile { get; } = new("referenced file", 16 * MiB, null);

    /// <summary>The bound in words, for messages and help: "16 MiB".</summary>
    public string MaxSizeText =>
        MaxBytes % (1024 * MiB) == 0 ? $"{MaxBytes / (1024 * MiB)} GiB"
        : MaxBytes % MiB == 0 ? $"{MaxBytes / MiB} MiB"
        : $"{MaxBytes} bytes";
}
