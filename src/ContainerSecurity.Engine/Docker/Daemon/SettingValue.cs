using System.Globalization;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// A daemon option's value in one shape for every layer: a scalar (booleans as <c>true</c>/<c>false</c>), the items of
/// a list option, or the entries of a map option. Flags and daemon.json values become the same thing, so merging and
/// checking never care where a value came from.
/// </summary>
internal sealed class SettingValue
{
    private SettingValue(string? scalar, IReadOnlyList<string> items, IReadOnlyDictionary<string, string> entries)
    {
        Scalar = scalar;
        Items = items;
        Entries = entries;
    }

    public string? Scalar { get; }

    public IReadOnlyList<string> Items { get; }

    public IReadOnlyDictionary<string, string> Entries { get; }

    public static SettingValue Of(string scalar) => new(scalar, [], new Dictionary<string, string>());

    public static SettingValue Of(bool value) => Of(value ? "true" : "false");

    public static SettingValue OfItems(IReadOnlyList<string> items) => new(null, items, new Dictionary<string, string>());

    public static SettingValue OfEntries(IReadOnlyDictionary<string, string> entries) => new(null, [], entries);

    /// <summary>The value as a boolean; null when it is not one Go's strconv.ParseBool accepts.</summary>
    public bool? AsBool() => ParseGoBool(Scalar);

    /// <summary>Whether the value says anything: a non-empty scalar, list or map.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Scalar) && Items.Count == 0 && Entries.Count == 0;

    /// <summary>Go's strconv.ParseBool, which dockerd's flags and the docker CLI use.</summary>
    public static bool? ParseGoBool(string? text) => text switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    /// <summary>The value as dockerd users write it: scalars as-is, lists comma-separated, maps as key=value.</summary>
    public override string ToString() =>
        Scalar
        ?? (Items.Count > 0 || Entries.Count == 0
            ? "[" + string.Join(", ", Items) + "]"
            : "{" + string.Join(", ", Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}={e.Value}"))) + "}");
}
