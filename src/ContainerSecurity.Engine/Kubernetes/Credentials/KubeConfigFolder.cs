using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// A folder given to Test-KubeConfig -Path (such as ~/.kube): its kubeconfig-like files are audited, not the folder
/// read as a file ("Access denied"). Only the folder's own files, not sub-folders (~/.kube/cache holds thousands of
/// discovery files); a file that reads as YAML but holds no clusters, users or contexts is skipped with -Verbose.
/// </summary>
internal static class KubeConfigFolder
{
    private static readonly string[] s_extensions = [".yaml", ".yml", ".json", ".conf", ".config", ".kubeconfig"];

    /// <summary>The kubeconfig-like files of <paramref name="folder"/>, and what to say about the folder.</summary>
    public static (List<KubeConfigInput> Files, ScanEvent Event) Read(string folder)
    {
        string[] names;
        try
        {
            names = Directory.GetFiles(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return ([], new ProblemEvent(new ScanProblem("KubeConfigFolderUnreadable",
                e is UnauthorizedAccessException ? ProblemKind.PermissionDenied : ProblemKind.Unexpected, folder,
                new IOException($"The folder '{folder}' was given as a kubeconfig, but its files cannot be listed: {e.Message}", e))));
        }

        Array.Sort(names, StringComparer.Ordinal);
        var files = names.Where(IsCandidate).Select(KubeConfigInput.FromFolderFile).ToList();
        if (files.Count == 0)
        {
            return ([], new ProblemEvent(new ScanProblem("KubeConfigNotFound", ProblemKind.NotFound, folder,
                new FileNotFoundException($"The folder '{folder}' holds no kubeconfig file (config, *kubeconfig*, or *.yaml, *.yml, *.json, *.conf, *.config, *.kubeconfig); name the file with -Path.", folder))));
        }

        return (files, new VerboseEvent($"{folder} is a folder: auditing its {files.Count} kubeconfig-like file(s): {string.Join(", ", files.Select(f => Path.GetFileName(f.DisplayPath)))}."));
    }

    /// <summary>Whether a file read from a folder holds anything a kubeconfig holds.</summary>
    public static bool LooksLikeKubeConfig(KubeConfigFile file) =>
        file.Clusters.Count + file.Users.Count + file.Contexts.Count + file.Problems.Count > 0;

    /// <summary>Whether the file's name says it is a kubeconfig (config, *kubeconfig*): then a malformed one is an error.</summary>
    public static bool IsNamedAsKubeConfig(string path)
    {
        var name = Path.GetFileName(path);
        return name == "config" || name.Contains("kubeconfig", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsCandidate(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || (File.GetAttributes(path) & FileAttributes.Directory) != 0)
        {
            return false;
        }

        return IsNamedAsKubeConfig(path) || s_extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase);
    }
}
