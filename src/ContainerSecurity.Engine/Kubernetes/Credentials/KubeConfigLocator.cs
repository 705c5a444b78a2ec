namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// The kubeconfig files kubectl would read when none is named: every entry of <c>KUBECONFIG</c> (a list separated
/// by ':' on Unix and ';' on Windows, empty entries ignored), else <c>~/.kube/config</c>.
/// </summary>
public static class KubeConfigLocator
{
    /// <summary>The candidate files, in kubectl's order, without duplicates; they may not exist.</summary>
    public static IReadOnlyList<string> DefaultPaths(string? kubeconfigVariable, string homeDirectory)
    {
        if (!string.IsNullOrWhiteSpace(kubeconfigVariable))
        {
            return kubeconfigVariable
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
                .ToList();
        }

        return [Path.Join(homeDirectory, ".kube", "config")];
    }
}
