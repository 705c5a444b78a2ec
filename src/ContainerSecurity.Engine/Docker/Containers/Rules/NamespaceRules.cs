namespace ContainerSecurity.Engine.Docker.Containers.Rules;

/// <summary>
/// Host namespaces shared with the container: network (DC010), PID (DC016), IPC (DC017), UTS (DC021), user (DC029);
/// and the default bridge network (DC028).
/// </summary>
internal static class NamespaceRules
{
    public static IEnumerable<ContainerRule> Rules =>
    [
        HostMode("DC010", "NetworkMode", "network", "--network host"),
        HostMode("DC016", "PidMode", "process (PID)", "--pid host"),
        HostMode("DC017", "IpcMode", "IPC", "--ipc host"),
        HostMode("DC021", "UTSMode", "UTS", "--uts host"),
        HostMode("DC029", "UsernsMode", "user", "--userns host"),
        new("DC028", DefaultBridge),
    ];

    private static ContainerRule HostMode(string ruleId, string field, string what, string flag) => new(ruleId, (subject, rule) =>
    {
        var c = subject.Container;
        var mode = c.HostConfig.String(field) ?? string.Empty;
        var observed = $"{field}={(mode.Length == 0 ? "(default)" : mode)}";
        return
        [
            mode.Equals("host", StringComparison.OrdinalIgnoreCase)
                ? rule.Fail($"Container '{c.Name}' shares the host's {what} namespace ({flag}).", observed, "a private namespace", "HostConfig." + field)
                : rule.Pass($"Container '{c.Name}' has its own {what} namespace.", observed, "a private namespace", "HostConfig." + field),
        ];
    });

    private static IEnumerable<CheckResult> DefaultBridge(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var mode = c.HostConfig.String("NetworkMode") ?? string.Empty;
        var observed = $"NetworkMode={(mode.Length == 0 ? "(default)" : mode)} Networks=[{string.Join(",", c.Networks)}]";
        if (mode.StartsWith("container:", StringComparison.OrdinalIgnoreCase) || mode is "host" or "none")
        {
            yield return rule.NotApplicable($"Container '{c.Name}' does not attach to a Docker network of its own ({mode}).", observed, "HostConfig.NetworkMode");
        }
        else if (c.Networks.Contains("bridge", StringComparer.Ordinal) || (c.Networks.Count == 0 && mode is "" or "default" or "bridge"))
        {
            yield return rule.Fail($"Container '{c.Name}' is on the default bridge network, where every container can reach every other.", observed, "a user-defined network", "NetworkSettings.Networks");
        }
        else
        {
            yield return rule.Pass($"Container '{c.Name}' uses user-defined networks.", observed, "a user-defined network", "NetworkSettings.Networks");
        }
    }
}
