namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>One kubeconfig to audit: a file on disk, or text given on the pipeline.</summary>
public sealed class KubeConfigInput
{
    private KubeConfigInput(string displayPath, string? filePath, string? text, string? directory)
    {
        DisplayPath = displayPath;
        FilePath = filePath;
        Text = text;
        Directory = directory;
    }

    /// <summary>What findings and errors call it: the file path, or "(pipeline input)".</summary>
    public string DisplayPath { get; }

    /// <summary>The file to read, when it is a file.</summary>
    public string? FilePath { get; }

    /// <summary>The text, when it was given directly.</summary>
    public string? Text { get; }

    /// <summary>The folder that relative certificate, token and plugin paths resolve against.</summary>
    public string? Directory { get; }

    /// <summary>A kubeconfig file; relative references in it resolve against its folder, as kubectl does.</summary>
    public static KubeConfigInput FromFile(string path) =>
        new(path, path, null, Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <summary>Kubeconfig text (for example <c>kubectl config view --raw</c>); relative references resolve against <paramref name="workingDirectory"/>.</summary>
    public static KubeConfigInput FromText(string text, string displayName, string? workingDirectory) =>
        new(displayName, null, text, workingDirectory);
}
