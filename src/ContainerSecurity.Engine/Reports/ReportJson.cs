using System.Text.Encodings.Web;
using System.Text.Json;

namespace ContainerSecurity.Engine.Reports;

/// <summary>Shared settings of the JSON writers (cheat sheet and SARIF).</summary>
internal static class ReportJson
{
    /// <summary>
    /// Indented, and escaping HTML-sensitive characters (the default encoder) so the JSON is safe to embed anywhere;
    /// letters of every script stay readable.
    /// </summary>
    public static Utf8JsonWriter Open(Stream output) => new(output, new JsonWriterOptions
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    });

    public static void WriteTarget(Utf8JsonWriter json, string name, FindingTarget target)
    {
        json.WriteStartObject(name);
        WriteIf(json, "host", target.Host);
        WriteIf(json, "file", target.File);
        if (target.Line is { } line)
        {
            json.WriteNumber("line", line);
        }

        if (target.Column is { } column)
        {
            json.WriteNumber("column", column);
        }

        WriteIf(json, "namespace", target.Namespace);
        WriteIf(json, "kind", target.Kind);
        WriteIf(json, "name", target.Name);
        WriteIf(json, "container", target.Container);
        WriteIf(json, "fieldPath", target.FieldPath);
        json.WriteString("display", target.ToString());
        json.WriteEndObject();
    }

    public static void WriteIf(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
