namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>What a setting check decided: the status and the sentence after the setting's provenance.</summary>
internal sealed record SettingVerdict(FindingStatus Status, string Explanation);
