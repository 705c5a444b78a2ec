namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>One dockerd option: its daemon.json key, its flag (and short form), how it parses, and its default.</summary>
/// <param name="Key">The daemon.json key; for repeatable flags the plural name dockerd uses in the file.</param>
/// <param name="Flag">The long flag without dashes.</param>
/// <param name="Kind">How the value parses.</param>
/// <param name="Default">dockerd's default as it prints it, or null when there is none.</param>
/// <param name="Shorthand">The one-letter form, for example <c>l</c> for <c>--log-level</c>.</param>
internal sealed record DaemonOption(string Key, string Flag, DaemonOptionKind Kind, string? Default = null, char? Shorthand = null)
{
    /// <summary>The flag as typed on a command line.</summary>
    public string FlagText => "--" + Flag;
}
