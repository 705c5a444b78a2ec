namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>A running dockerd: its process id and its command line after the program name, as /proc shows them.</summary>
internal sealed record DockerdProcess(int Pid, IReadOnlyList<string> Arguments)
{
    /// <summary>Where the command line was read, for provenance.</summary>
    public string Origin => $"/proc/{Pid}/cmdline";
}
