namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>A key set in the daemon configuration file, with its value and where it is written.</summary>
internal sealed record FileSetting(DaemonOption Option, SettingValue Value, int Line, int Column);
