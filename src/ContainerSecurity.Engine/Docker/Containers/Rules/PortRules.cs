using System.Globalization;

namespace ContainerSecurity.Engine.Docker.Containers.Rules;

/// <summary>Published ports: privileged host ports (DC008) and bindings on every host interface (DC014).</summary>
internal static class PortRules
{
    public static IEnumerable<ContainerRule> Rules =>
    [
        new("DC008", PrivilegedPorts),
        new("DC014", AllInterfaces),
    ];

    private static IEnumerable<CheckResult> PrivilegedPorts(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var low = c.PortBindings
            .Where(b => int.TryParse(b.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 1024)
            .ToArray();
        foreach (var binding in low)
        {
            yield return rule.Fail($"Container '{c.Name}' publishes the privileged host port {binding.HostPort} ({binding}).", binding.ToString(), "host ports of 1024 and above", "NetworkSettings.Ports");
        }

        if (low.Length == 0)
        {
            yield return rule.Pass($"Container '{c.Name}' publishes no host port below 1024.", Describe(c), "host ports of 1024 and above", "NetworkSettings.Ports");
        }
    }

    private static IEnumerable<CheckResult> AllInterfaces(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var open = c.PortBindings.Where(b => b.HostIp is "" or "0.0.0.0" or "::" or "[::]").ToArray();

        // Docker reports one binding for 0.0.0.0 and one for :: per port; one finding per host port is enough.
        foreach (var group in open.GroupBy(b => (b.ContainerPort, b.HostPort)))
        {
            var bindings = string.Join(", ", group.Select(b => b.ToString()));
            yield return rule.Fail($"Container '{c.Name}' publishes {group.Key.ContainerPort} on every host interface ({bindings}).", bindings, "a specific host address, e.g. -p 127.0.0.1:8080:80", "NetworkSettings.Ports");
        }

        if (open.Length == 0)
        {
            yield return rule.Pass($"Container '{c.Name}' publishes no port on all host interfaces.", Describe(c), "a specific host address, e.g. -p 127.0.0.1:8080:80", "NetworkSettings.Ports");
        }
    }

    private static string Describe(ContainerInspection c) =>
        c.PortBindings.Count == 0 ? "(no published ports)" : string.Join(", ", c.PortBindings);
}
