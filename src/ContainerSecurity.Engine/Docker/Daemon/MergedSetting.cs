using ContainerSecurity.Engine.Findings;
namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>A daemon option's effective value and the layer that decided it.</summary>
/// <param name="Option">The option.</param>
/// <param name="Value">The effective value; null when unset and dockerd has no default.</param>
/// <param name="Source">The deciding layer.</param>
/// <param name="Origin">Exactly where: <c>daemon.json:3:5</c>, the flags as written, <c>GET /info</c>, <c>dockerd default</c>.</param>
/// <param name="Conflict">Why the layers disagree, when they do (flag and file both set; running value differs from configured).</param>
/// <param name="File">The configuration file, when the value comes from it.</param>
/// <param name="Line">The 1-based line of the key in <paramref name="File"/>.</param>
/// <param name="Column">The 1-based column of the key in <paramref name="File"/>.</param>
internal sealed record MergedSetting(
    DaemonOption Option,
    SettingValue? Value,
    DaemonSettingSource Source,
    string Origin,
    string? Conflict = null,
    string? File = null,
    int? Line = null,
    int? Column = null)
{
    public string Key => Option.Key;

    public bool IsSet => Source != DaemonSettingSource.Default;

    /// <summary>The value as a boolean (false when unset without default or malformed).</summary>
    public bool IsTrue => Value?.AsBool() == true;

    /// <summary>"icc: not set → default true", "log-level: debug (from --log-level debug)".</summary>
    /// <remarks>Values such as log-opts can hold tokens (splunk-token=…): they are masked here, where every message gets them.</remarks>
    public string Provenance => SecretDetector.MaskText((Source == DaemonSettingSource.Default
        ? Value is null ? $"{Key}: not set" : $"{Key}: not set → default {Value}"
        : $"{Key}: {Value} (from {Origin})") + (Conflict is null ? string.Empty : $" [{Conflict}]"));

    /// <summary>A short label of the deciding layer for evidence.</summary>
    public string SourceLabel => Source switch
    {
        DaemonSettingSource.Default => "dockerd default",
        _ => Origin,
    };

    public DaemonSetting ToPublic(string host) => new()
    {
        Name = Key,
        Value = Value is null ? null : SecretDetector.MaskText(Value.ToString()),
        Source = Source,
        Origin = SecretDetector.MaskText(Origin),
        Default = Option.Default,
        Flag = Option.FlagText,
        Conflict = Conflict is null ? null : SecretDetector.MaskText(Conflict),
        Host = SecretDetector.MaskText(host),
    };
}
