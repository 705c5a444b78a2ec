using System.Text.RegularExpressions;

namespace ContainerSecurity.Engine.Docker.Containers.Rules;

/// <summary>Host devices passed in (DC018): every entry is listed; disks, memory and blanket rules fail outright.</summary>
internal static partial class DeviceRules
{
    public static IEnumerable<ContainerRule> Rules => [new("DC018", Devices)];

    private static IEnumerable<CheckResult> Devices(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        if (c.Privileged)
        {
            yield return rule.NotApplicable($"Container '{c.Name}' is privileged and sees every host device; DC005 reports it.", "Privileged=true", "HostConfig.Privileged");
            yield break;
        }

        var any = false;
        foreach (var device in c.HostConfig.Objects("Devices"))
        {
            any = true;
            var path = device.String("PathOnHost") ?? string.Empty;
            var observed = $"{path}:{device.String("PathInContainer")}:{device.String("CgroupPermissions")}";
            yield return HostAccessDevice().IsMatch(path)
                ? rule.Fail($"Container '{c.Name}' has the host device {path}, which gives access to host disks or memory.", observed, "no host devices", "HostConfig.Devices", Severity.High)
                : rule.Warn($"Container '{c.Name}' has the host device {path}; confirm it is needed.", observed, "no host devices", "HostConfig.Devices");
        }

        foreach (var cgroupRule in c.HostConfig.Strings("DeviceCgroupRules"))
        {
            any = true;
            var broad = BroadRule().IsMatch(cgroupRule);
            yield return broad
                ? rule.Fail($"Container '{c.Name}' may create and use whole device classes ({cgroupRule}).", cgroupRule, "no device cgroup rules", "HostConfig.DeviceCgroupRules", Severity.High)
                : rule.Warn($"Container '{c.Name}' has the device cgroup rule '{cgroupRule}'; confirm it is needed.", cgroupRule, "no device cgroup rules", "HostConfig.DeviceCgroupRules");
        }

        if (!any)
        {
            yield return rule.Pass($"Container '{c.Name}' has no host devices.", "(none)", "no host devices", "HostConfig.Devices");
        }
    }

    [GeneratedRegex(@"^/dev/(sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|mapper/|dm-\d|loop\d|md\d|mem$|kmem$|port$|disk/)", RegexOptions.CultureInvariant)]
    private static partial Regex HostAccessDevice();

    // "a *:* rwm", "b *:* rwm", "c *:* rwm" or any rule that allows every major number.
    [GeneratedRegex(@"^\s*[abc]\s+\*:", RegexOptions.CultureInvariant)]
    private static partial Regex BroadRule();
}
