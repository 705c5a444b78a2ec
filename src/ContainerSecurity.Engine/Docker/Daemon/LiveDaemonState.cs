using System.Text.Json;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// What the running daemon reports about its configuration: GET /info (security options, drivers, live restore,
/// swarm, authorization plugins, insecure registries), GET /networks/bridge (icc) and GET /version.
/// </summary>
internal sealed class LiveDaemonState
{
    public required string Endpoint { get; init; }

    public IReadOnlyList<string> SecurityOptions { get; init; } = [];

    public string? StorageDriver { get; init; }

    public string? LoggingDriver { get; init; }

    public bool? LiveRestoreEnabled { get; init; }

    public bool? Experimental { get; init; }

    public bool? Debug { get; init; }

    public string? SwarmState { get; init; }

    public IReadOnlyList<string>? AuthorizationPlugins { get; init; }

    /// <summary>Insecure registries other than the loopback ranges dockerd always adds.</summary>
    public IReadOnlyList<string>? InsecureRegistries { get; init; }

    /// <summary>com.docker.network.bridge.enable_icc of the default bridge; null when there is no default bridge.</summary>
    public bool? Icc { get; init; }

    public string? ServerVersion { get; init; }

    public string? ApiVersion { get; init; }

    public string? Name { get; init; }

    public bool Rootless => SecurityOptions.Any(o => HasName(o, "rootless"));

    public bool UsernsRemap => SecurityOptions.Any(o => HasName(o, "userns"));

    /// <summary>The seccomp profile the daemon applies by default (<c>default</c>, a path, <c>unconfined</c>); null when seccomp is not listed.</summary>
    public string? SeccompProfile
    {
        get
        {
            var option = SecurityOptions.FirstOrDefault(o => HasName(o, "seccomp"));
            if (option is null)
            {
                return null;
            }

            var profile = option.Split(',').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == "profile");
            return profile?[1] ?? "default";
        }
    }

    public static LiveDaemonState From(string endpoint, JsonElement info, JsonElement? bridge, JsonElement? version)
    {
        return new LiveDaemonState
        {
            Endpoint = endpoint,
            SecurityOptions = Strings(info, "SecurityOptions") ?? [],
            StorageDriver = Text(info, "Driver"),
            LoggingDriver = Text(info, "LoggingDriver"),
            LiveRestoreEnabled = Bool(info, "LiveRestoreEnabled"),
            Experimental = Bool(info, "ExperimentalBuild") ?? (version is { } v ? Bool(v, "Experimental") : null),
            Debug = Bool(info, "Debug"),
            SwarmState = info.TryGetProperty("Swarm", out var swarm) && swarm.ValueKind == JsonValueKind.Object ? Text(swarm, "LocalNodeState") : null,
            AuthorizationPlugins = info.TryGetProperty("Plugins", out var plugins) && plugins.ValueKind == JsonValueKind.Object ? Strings(plugins, "Authorization") ?? [] : null,
            InsecureRegistries = InsecureFrom(info),
            Icc = bridge is { } b ? IccFrom(b) : null,
            ServerVersion = Text(info, "ServerVersion") ?? (version is { } v2 ? Text(v2, "Version") : null),
            ApiVersion = version is { } v3 ? Text(v3, "ApiVersion") : null,
            Name = Text(info, "Name"),
        };
    }

    private static bool HasName(string option, string name) =>
        option.Split(',').Any(p => p == "name=" + name);

    private static bool? IccFrom(JsonElement bridge)
    {
        if (!bridge.TryGetProperty("Options", out var options) || options.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // The daemon writes the option only when it differs from the driver's default (true).
        return options.TryGetProperty("com.docker.network.bridge.enable_icc", out var icc) && icc.ValueKind == JsonValueKind.String
            ? SettingValue.ParseGoBool(icc.GetString())
            : true;
    }

    private static List<string>? InsecureFrom(JsonElement info)
    {
        if (!info.TryGetProperty("RegistryConfig", out var registry) || registry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var insecure = (Strings(registry, "InsecureRegistryCIDRs") ?? []).Where(c => c is not "127.0.0.0/8" and not "::1/128").ToList();
        if (registry.TryGetProperty("IndexConfigs", out var indexes) && indexes.ValueKind == JsonValueKind.Object)
        {
            insecure.AddRange(indexes.EnumerateObject()
                .Where(i => i.Value.ValueKind == JsonValueKind.Object && Bool(i.Value, "Secure") == false)
                .Select(i => i.Name));
        }

        return insecure;
    }

    // An empty string is what Docker.DotNet writes back for a field the daemon did not send: nothing was reported.
    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static bool? Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static List<string>? Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : null;
}
