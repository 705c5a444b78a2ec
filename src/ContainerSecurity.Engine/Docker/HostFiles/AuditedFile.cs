namespace ContainerSecurity.Engine.Docker.HostFiles;

/// <summary>A file a host-file check examines: its path on the audited host and where it is on this machine.</summary>
/// <param name="HostPath">The path as the audited host names it, for messages and commands.</param>
/// <param name="LocalPath">The path to examine here (under the audit root, links followed inside it).</param>
/// <param name="Required">Whether the daemon's configuration names the file, so that its absence is itself a problem.</param>
internal sealed record AuditedFile(string HostPath, string LocalPath, bool Required = false);
