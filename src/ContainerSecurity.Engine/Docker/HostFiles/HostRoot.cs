namespace ContainerSecurity.Engine.Docker.HostFiles;

/// <summary>
/// The file system of the audited host, which may be mounted elsewhere (<c>-Root /mnt/host</c>). Host paths resolve
/// under the root, and so do absolute symbolic links inside it (<c>/var/run → /run</c>), so that a link never leads
/// the audit out of the mounted tree into the auditing machine's own files.
/// </summary>
internal sealed class HostRoot
{
    private const int MaxLinks = 40;

    public HostRoot(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>The local directory that is the host's <c>/</c>.</summary>
    public string Root { get; }

    public bool IsSystemRoot => Root == "/";

    /// <summary>
    /// The local path of host path <paramref name="hostPath"/>, with every symbolic link followed inside the root;
    /// the last component is followed too (as stat(1) -L does). A missing component ends resolution there.
    /// </summary>
    public string Resolve(string hostPath)
    {
        var pending = new Stack<string>(Components(hostPath).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var local = Local(resolved.Append(component));
            var info = new FileInfo(local);
            string? target = info.Exists || Directory.Exists(local) ? info.LinkTarget : null;
            if (target is null || ++links > MaxLinks)
            {
                resolved.Add(component);
                continue;
            }

            // Absolute targets are host paths: start again from the host's root. Relative ones continue from here.
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var part in Components(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return Local(resolved);
    }

    /// <summary>Resolves a host path and says how it is written for messages: the host path, and the local one under a root.</summary>
    public string Display(string hostPath) => IsSystemRoot ? hostPath : $"{hostPath} (under {Root})";

    private string Local(IEnumerable<string> components) => Path.Join(Root, string.Join('/', components));

    private static IEnumerable<string> Components(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".");
}
