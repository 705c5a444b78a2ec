using System.Management.Automation;
using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands.Docker;

/// <summary>
/// <para type="synopsis">Gets a Docker daemon's effective configuration, with the source that decided each setting.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerDaemonConfig")]
[OutputType(typeof(DaemonSetting))]
public sealed class GetDockerDaemonConfigCommand : DaemonConfigCommandBase
{
    /// <summary>Only these settings (daemon.json keys such as icc or log-level); wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only settings that something other than dockerd's defaults decided.</summary>
    [Parameter]
    public SwitchParameter NonDefault { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var options = BuildOptions();
        using var live = options.Live;
        var (settings, events) = DaemonAudit.GetSettingsAsync(options, Cancellation).GetAwaiter().GetResult();
        foreach (var scanEvent in events)
        {
            Write(scanEvent);
        }

        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var setting in settings)
        {
            if ((patterns is null || patterns.Any(p => p.IsMatch(setting.Name))) && (!NonDefault || !setting.IsDefault))
            {
                WriteObject(setting);
            }
        }
    }
}
