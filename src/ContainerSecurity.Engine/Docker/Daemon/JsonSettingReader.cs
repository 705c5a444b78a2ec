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
        DaemonOptionKind.Text => value.ValueKind switch
        {
            JsonValueKind.String => (SettingValue.Of(value.GetString()!), null),
            JsonValueKind.Number => (SettingValue.Of(value.GetRawText()), null),
            _ => (null, WrongType(option, value, "a string or a number")),
        },
        DaemonOptionKind.List => value.ValueKind == JsonValueKind.Array
            ? (SettingValue.OfItems(value.EnumerateArray().Select(Scalar).ToList()), null)
            : (null, WrongType(option, value, "an array")),
        _ => value.ValueKind == JsonValueKind.Object
            ? (SettingValue.OfEntries(value.EnumerateObject().GroupBy(p => p.Name).ToDictionary(g => g.Key, g => Scalar(g.Last().Value), StringComparer.Ordinal)), null)
            : (null, WrongType(option, value, "an object")),
    };

    private static string Scalar(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    // The value itself is not quoted: messages name the place and the reason, never the content (it may be a secret).
    private static string WrongType(DaemonOption option, JsonElement value, string expected) =>
        $"\"{option.Key}\" must be {expected}, not {value.ValueKind.ToString().ToLowerInvariant()}; dockerd refuses to start with it";
}
