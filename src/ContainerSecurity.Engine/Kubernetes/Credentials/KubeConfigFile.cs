using YamlDotNet.RepresentationModel;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// A parsed kubeconfig: its named cluster, user and context entries with the positions they start at. Only the
/// parts the checks read are lifted out; each entry keeps its YAML body so a check can point at the exact field.
/// </summary>
internal sealed class KubeConfigFile
{
    public KubeConfigFile(string displayPath, string? directory, IReadOnlyList<KubeConfigEntry> clusters, IReadOnlyList<KubeConfigEntry> users, IReadOnlyList<KubeConfigContext> contexts, IReadOnlyList<KubeConfigFormatException> problems)
    {
        Problems = problems;
        DisplayPath = displayPath;
        Directory = directory;
        Clusters = clusters;
        Users = users;
        Contexts = contexts;
    }

    /// <summary>The file path, or a description such as "(pipeline input)".</summary>
    public string DisplayPath { get; }

    /// <summary>The folder relative file references (client-certificate, tokenFile, exec command) resolve against.</summary>
    public string? Directory { get; }

    public IReadOnlyList<KubeConfigEntry> Clusters { get; }

    public IReadOnlyList<KubeConfigEntry> Users { get; }

    public IReadOnlyList<KubeConfigContext> Contexts { get; }

    /// <summary>The entries that could not be read (each named with its position); the others are audited.</summary>
    public IReadOnlyList<KubeConfigFormatException> Problems { get; }

    /// <summary>The names of the contexts that use <paramref name="user"/>, for messages.</summary>
    public IEnumerable<string> ContextsUsingUser(string user) => Contexts.Where(c => c.User == user).Select(c => c.Name);

    /// <summary>The names of the contexts that use <paramref name="cluster"/>, for messages.</summary>
    public IEnumerable<string> ContextsUsingCluster(string cluster) => Contexts.Where(c => c.Cluster == cluster).Select(c => c.Name);
}

/// <summary>
/// One <c>clusters[]</c> or <c>users[]</c> item: its name, the path of its body (<c>users[2].user</c>) and the body.
/// </summary>
internal sealed record KubeConfigEntry(string Name, string BodyPath, YamlMappingNode Body, int Line, int Column);

/// <summary>One <c>contexts[]</c> item: its name and the cluster and user it joins.</summary>
public sealed record KubeConfigContext(string Name, string? Cluster, string? User);
