namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>An option set on the dockerd command line, with the flags exactly as written (several for a repeated list flag).</summary>
internal sealed record FlagSetting(DaemonOption Option, SettingValue Value, IReadOnlyList<string> Written)
{
    /// <summary>The flags as written, for provenance: <c>--log-level debug</c>, <c>--insecure-registry a --insecure-registry b</c>.</summary>
    public string Text => string.Join(' ', Written);
}
