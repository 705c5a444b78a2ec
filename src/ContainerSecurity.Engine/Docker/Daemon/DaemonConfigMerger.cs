namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// Merges the layers of the daemon's configuration in dockerd's order: defaults, then the configuration file, then
/// flags, then what the running daemon reports for the settings it exposes. A key set both in the file and as a flag
/// is a conflict dockerd refuses to start with; it is recorded, and the flag's value is shown.
/// </summary>
internal static class DaemonConfigMerger
{
    private const string InfoOrigin = "GET /info";

    public static MergedSetting DefaultOf(DaemonOption option) =>
        new(option, option.Default is null ? null : SettingValue.Of(option.Default), DaemonSettingSource.Default, "dockerd default");

    public static EffectiveDaemonConfig Merge(string host, DaemonConfigFile? file, DaemonCommandLine commandLine, LiveDaemonState? live)
    {
        var settings = new Dictionary<string, MergedSetting>(StringComparer.Ordinal);
        var conflicts = new List<DaemonConfigException>();
        foreach (var setting in file?.Settings.Values ?? [])
        {
            settings[setting.Option.Key] = new MergedSetting(
                setting.Option, setting.Value, DaemonSettingSource.ConfigFile, $"{file!.Path}:{setting.Line}:{setting.Column}", File: file.Path, Line: setting.Line, Column: setting.Column);
        }

        foreach (var flag in commandLine.Settings.Values)
        {
            string? conflict = null;
            if (settings.TryGetValue(flag.Option.Key, out var fromFile) && flag.Option.Key != "runtimes")
            {
                var fileSetting = file!.Settings[flag.Option.Key];
                conflict = $"also set in {fromFile.Origin} ({fromFile.Value}); dockerd refuses to start when a directive is both a flag and in the configuration file";
                conflicts.Add(new DaemonConfigException(
                    file.Path,
                    fileSetting.Line,
                    fileSetting.Column,
                    $"the following directives are specified both as a flag and in the configuration file: {flag.Option.Key}: (from flag: {flag.Value}, from file: {fromFile.Value})"));
            }

            settings[flag.Option.Key] = new MergedSetting(flag.Option, flag.Value, DaemonSettingSource.CommandLine, $"{commandLine.Origin}: {flag.Text}", conflict);
        }

        if (live is not null)
        {
            Overlay(settings, "icc", live.Icc, "GET /networks/bridge (com.docker.network.bridge.enable_icc)");
            Overlay(settings, "storage-driver", live.StorageDriver, InfoOrigin + " Driver");
            Overlay(settings, "log-driver", live.LoggingDriver, InfoOrigin + " LoggingDriver");
            Overlay(settings, "live-restore", live.LiveRestoreEnabled, InfoOrigin + " LiveRestoreEnabled");
            Overlay(settings, "experimental", live.Experimental, InfoOrigin + " ExperimentalBuild");
            Overlay(settings, "debug", live.Debug, InfoOrigin + " Debug");
            Overlay(settings, "rootless", live.Rootless, InfoOrigin + " SecurityOptions");
            OverlayList(settings, "authorization-plugins", live.AuthorizationPlugins, InfoOrigin + " Plugins.Authorization");
            OverlayList(settings, "insecure-registries", live.InsecureRegistries, InfoOrigin + " RegistryConfig");
            if (live.UsernsRemap && !(settings.TryGetValue("userns-remap", out var remap) && remap.Value?.IsEmpty == false))
            {
                settings["userns-remap"] = new MergedSetting(DaemonOptionCatalog.ByKey("userns-remap")!, SettingValue.Of("(enabled; the mapping is not reported)"), DaemonSettingSource.LiveDaemon, InfoOrigin + " SecurityOptions name=userns");
            }
        }

        return new EffectiveDaemonConfig(host, file, commandLine, live, settings, conflicts);
    }

    private static void Overlay(Dictionary<string, MergedSetting> settings, string key, bool? reported, string origin) =>
        Overlay(settings, key, reported is { } value ? SettingValue.Of(value) : null, origin);

    private static void Overlay(Dictionary<string, MergedSetting> settings, string key, string? reported, string origin) =>
        Overlay(settings, key, reported is null ? null : SettingValue.Of(reported), origin);

    private static void OverlayList(Dictionary<string, MergedSetting> settings, string key, IReadOnlyList<string>? reported, string origin) =>
        Overlay(settings, key, reported is null ? null : SettingValue.OfItems(reported), origin);

    /// <summary>
    /// The running daemon is the truth about what is in force. When it agrees with the configuration, the layer that
    /// configured the value keeps the credit ("icc: not set → default true"); when it differs, the configuration changed
    /// after the daemon started and the running value is what counts.
    /// </summary>
    private static void Overlay(Dictionary<string, MergedSetting> settings, string key, SettingValue? reported, string origin)
    {
        if (reported is null)
        {
            return;
        }

        var option = DaemonOptionCatalog.ByKey(key)!;
        var configured = settings.TryGetValue(key, out var existing) ? existing : DefaultOf(option);
        string? conflict = existing?.Conflict;
        if ((configured.Value is not null && SameValue(configured.Value, reported)) || (configured.Value is null && reported.IsEmpty))
        {
            return;
        }

        if (configured.Value is not null)
        {
            conflict = configured.IsSet
                ? $"configured {configured.Value} in {configured.Origin}, but the running daemon reports {reported}: the configuration changed since the daemon started"
                : $"the default is {configured.Value}, but the running daemon reports {reported}";
        }

        settings[key] = new MergedSetting(option, reported, DaemonSettingSource.LiveDaemon, origin, conflict);
    }

    private static bool SameValue(SettingValue a, SettingValue b) =>
        string.Equals(a.ToString(), b.ToString(), StringComparison.Ordinal)
        || (a.Items.Count == 0 && b.Items.Count == 0 && a.Scalar is null && b.Scalar is null);
}
