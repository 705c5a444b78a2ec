using System.Globalization;
using System.Text.Json;

namespace ContainerSecurity.Engine.Docker;

/// <summary>
/// Tolerant readers for Engine API documents: a missing member, a JSON null and a member of the wrong type all read
/// as "not set", because daemons of different versions omit or null different fields. Strictness lives in the
/// callers that require a field (a container without an Id is malformed).
/// </summary>
internal static class DockerJson
{
    public static JsonElement? Member(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static JsonElement? Path(this JsonElement element, params string[] names)
    {
        JsonElement? current = element;
        foreach (var name in names)
        {
            current = current?.Member(name);
        }

        return current;
    }

    public static string? String(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool Bool(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.True };

    public static long? Long(this JsonElement element, string name) => element.Member(name) switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
        { ValueKind: JsonValueKind.String } value when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    public static IReadOnlyList<string> Strings(this JsonElement element, string name) => element.Member(name) switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
            .Where(item => item.ValueKind == JsonValueKind.String)
            .Select(item => item.GetString()!)
            .ToArray(),
        _ => [],
    };

    public static IEnumerable<JsonElement> Objects(this JsonElement element, string name) => element.Member(name) switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object),
        _ => [],
    };

    public static IEnumerable<KeyValuePair<string, JsonElement>> Properties(this JsonElement element, string name) => element.Member(name) switch
    {
        { ValueKind: JsonValueKind.Object } value => value.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value)),
        _ => [],
    };
}
