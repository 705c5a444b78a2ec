namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>The contexts kubeconfig files define, read with the same reader the audits use (tab completion of -Context).</summary>
public static class KubeConfigContexts
{
    // A kubeconfig is a few kilobytes; anything far larger is not one, and completion must stay quick.
    private const long MaximumFileBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The contexts of <paramref name="paths"/> in kubectl's merge order (the first file that names a context wins);
    /// files that do not exist are skipped, as kubectl skips them.
    /// </summary>
    /// <exception cref="KubeConfigFormatException">A file is not a readable kubeconfig.</exception>
    /// <exception cref="IOException">A file cannot be read or is too large to be a kubeconfig.</exception>
    public static IReadOnlyList<KubeConfigContext> Read(IEnumerable<string> paths)
    {
        var contexts = new Dictionary<string, KubeConfigContext>(StringComparer.Ordinal);
        foreach (var path in paths.Where(File.Exists))
        {
            if (new FileInfo(path).Length > MaximumFileBytes)
            {
                throw new IOException($"{path}: larger than {MaximumFileBytes} bytes, not a kubeconfig.");
            }

            var file = KubeConfigReader.Read(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));
            foreach (var context in file.Contexts)
            {
                contexts.TryAdd(context.Name, context);
            }
        }

        return [.. contexts.Values];
    }
}
