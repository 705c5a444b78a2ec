using System.Text;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>Remediation text specific to where a setting came from: a daemon.json fragment, and the flag to remove.</summary>
internal static class DaemonRemedy
{
    /// <param name="setting">The setting as it is now.</param>
    /// <param name="jsonValue">The value to set, as JSON (<c>false</c>, <c>"info"</c>, <c>[]</c>).</param>
    /// <param name="removeInstead">Say to remove the key rather than set it (settings whose absence is the fix).</param>
    public static string For(MergedSetting setting, string jsonValue, bool removeInstead = false)
    {
        var text = new StringBuilder();
        if (setting.Source == DaemonSettingSource.CommandLine)
        {
            var flags = setting.Origin[(setting.Origin.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            text.Append("Remove ").Append(flags).Append(" from the dockerd command line (docker.service ExecStart, a drop-in, /etc/default/docker or /etc/sysconfig/docker). ");
        }

        if (removeInstead)
        {
            text.Append("Remove \"").Append(setting.Key).Append("\" from ").Append(setting.File ?? "daemon.json").Append(" (or set it as below), then restart the daemon:");
        }
        else
        {
            text.Append("Set it in ").Append(setting.File ?? "/etc/docker/daemon.json").Append(" and restart the daemon:");
        }

        text.Append('\n').Append("{\n  \"").Append(setting.Key).Append("\": ").Append(jsonValue).Append("\n}");
        return text.ToString();
    }
}
