using System.Text.Json;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>Turns a daemon.json value into a <see cref="SettingValue"/>, refusing the types dockerd's decoder refuses.</summary>
internal static class JsonSettingReader
{
    public static (SettingValue? Value, string? Error) Read(DaemonOption option, JsonElement value) => option.Kind switch
    {
        DaemonOptionKind.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? (SettingValue.Of(value.GetBoolean()), null)
            : (null, WrongType(option, value, "a boolean (true or false, without quotes)")),
        DaemonOptionKind.Text when s_wholeNumberKeys.Contains(option.Key) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _)
            ? (SettingValue.Of(value.GetRawText()), null)
            : (null, WrongType(option, value, "a whole number (without quotes)")),
        DaemonOptionKind.Text => value.ValueKind == JsonValueKind.String
            ? (SettingValue.Of(value.GetString()!), null)
            : (null, WrongType(option, value, "a string")),
        DaemonOptionKind.List when value.ValueKind != JsonValueKind.Array => (null, WrongType(option, value, "an array")),
        DaemonOptionKind.List when option.Key != ObjectListKey && value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String) =>
            (null, WrongType(option, value, "an array of strings")),
        DaemonOptionKind.List => (SettingValue.OfItems(value.EnumerateArray().Select(Scalar).ToList()), null),
        _ => value.ValueKind == JsonValueKind.Object
            ? (SettingValue.OfEntries(value.EnumerateObject().GroupBy(p => p.Name).ToDictionary(g => g.Key, g => Scalar(g.Last().Value), StringComparer.Ordinal)), null)
            : (null, WrongType(option, value, "an object")),
    };

    // dockerd 20.10 declares these as Go integers: a quoted number stops it ("cannot unmarshal string into … of type int").
    // Every other text option is a Go string (default-shm-size too: its decoder refuses a bare number).
    private static readonly HashSet<string> s_wholeNumberKeys = new(StringComparer.Ordinal)
    {
        "cpu-rt-period", "cpu-rt-runtime", "max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts",
        "mtu", "network-control-plane-mtu", "network-diagnostic-port", "oom-score-adjust", "shutdown-timeout",
    };

    // The one list whose items are objects ({"base": …, "size": …}); every other list is a Go []string.
    private const string ObjectListKey = "default-address-pools";

    private static string Scalar(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    // The value itself is not quoted: messages name the place and the reason, never the content (it may be a secret).
    private static string WrongType(DaemonOption option, JsonElement value, string expected) =>
        $"\"{option.Key}\" must be {expected}, not {value.ValueKind.ToString().ToLowerInvariant()}; dockerd refuses to start with it";
}
