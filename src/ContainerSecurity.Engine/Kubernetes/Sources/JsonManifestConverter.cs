using System.Globalization;
using System.Text.Json;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// Turns a JSON object (a live object as KubernetesClient serializes it) into the same node tree manifests produce, so
/// every check runs on live and file input alike. Strings become quoted scalars, so type checks stay exact.
/// </summary>
public static class JsonManifestConverter
{
    /// <summary>Converts <paramref name="json"/>, adding kind and apiVersion when the list item lacks them.</summary>
    public static ManifestMapping Convert(string json, string kind, string apiVersion)
    {
        using var document = JsonDocument.Parse(json);
        var root = (ManifestMapping)Convert(document.RootElement, 0);
        if (root["kind"] is not null && root["apiVersion"] is not null)
        {
            return root;
        }

        // List items come without kind and apiVersion; the list request says what they are.
        var entries = new List<KeyValuePair<string, ManifestNode>>(root.Entries.Count + 2)
        {
            new("apiVersion", new ManifestScalar(apiVersion, true, 0, 0)),
            new("kind", new ManifestScalar(kind, true, 0, 0)),
        };
        entries.AddRange(root.Entries.Where(e => e.Key is not ("kind" or "apiVersion")));
        return new ManifestMapping(entries, 0, 0);
    }

    private static ManifestNode Convert(JsonElement element, int depth)
    {
        if (depth > ManifestLimits.Default.MaxDepth)
        {
            throw new ManifestLimitException("Nesting is too deep.", 0, 0);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, ManifestNode>>();
                foreach (var property in element.EnumerateObject())
                {
                    entries.Add(new(property.Name, Convert(property.Value, depth + 1)));
                }

                return new ManifestMapping(entries, 0, 0);
            case JsonValueKind.Array:
                var items = new List<ManifestNode>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Convert(item, depth + 1));
                }

                return new ManifestSequence(items, 0, 0);
            case JsonValueKind.String:
                return new ManifestScalar(element.GetString()!, true, 0, 0);
            case JsonValueKind.True:
                return new ManifestScalar("true", false, 0, 0);
            case JsonValueKind.False:
                return new ManifestScalar("false", false, 0, 0);
            case JsonValueKind.Number:
                return new ManifestScalar(element.GetRawText(), false, 0, 0);
            default:
                return new ManifestScalar(string.Empty, false, 0, 0);
        }
    }
}
