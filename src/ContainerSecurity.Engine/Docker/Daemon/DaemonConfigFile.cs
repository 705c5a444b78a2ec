using System.Text;
using System.Text.Json;
using ContainerSecurity.Engine.Files;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// A parsed daemon.json, read the way dockerd 20.10 reads it: UTF-8 without a byte-order mark (a mark is reported, as
/// dockerd refuses it, and the text is still decoded by it), strict JSON (no comments, no trailing commas), an empty
/// file is an empty configuration, objects under keys other than the map options are flattened into their keys, and
/// any key that is not a dockerd option is an error. Every problem names the file, line and column.
/// </summary>
internal sealed class DaemonConfigFile
{
    public const string DefaultPath = "/etc/docker/daemon.json";

    private DaemonConfigFile(string path, IReadOnlyDictionary<string, FileSetting> settings, IReadOnlyList<DaemonConfigException> problems)
    {
        Path = path;
        Settings = settings;
        Problems = problems;
    }

    /// <summary>The file as the daemon names it (not resolved under an audit root).</summary>
    public string Path { get; }

    /// <summary>The settings that parsed, by daemon.json key.</summary>
    public IReadOnlyDictionary<string, FileSetting> Settings { get; }

    /// <summary>What dockerd would refuse: syntax errors, unknown keys, values of the wrong type.</summary>
    public IReadOnlyList<DaemonConfigException> Problems { get; }

    /// <summary>Whether dockerd could start with this file.</summary>
    public bool IsValid => Problems.Count == 0;

    public static DaemonConfigFile Empty(string path) => new(path, new Dictionary<string, FileSetting>(), []);

    /// <summary>Parses the content of <paramref name="path"/>; never throws for bad content.</summary>
    public static DaemonConfigFile Parse(string path, byte[] content)
    {
        var problems = new List<DaemonConfigException>();
        var (encoding, bom) = TextDecoding.Detect(content);
        string text;
        try
        {
            text = TextDecoding.Decode(content, path);
        }
        catch (InputEncodingException e)
        {
            return new(path, new Dictionary<string, FileSetting>(), [new DaemonConfigException(path, e.Line, e.Column,
                $"the bytes at byte offset {e.ByteOffset} are not valid {TextDecoding.NameOf(encoding)}; the settings of the file were not audited", e)]);
        }

        if (bom > 0)
        {
            // Checked with dockerd 20.10: any mark, even UTF-8's, is "invalid character looking for beginning of value".
            // The settings are still read, so their verdicts are known once the mark is removed.
            problems.Add(new DaemonConfigException(path, 1, 1,
                $"the file starts with a {TextDecoding.NameOf(encoding)} byte-order mark; dockerd reads daemon.json as UTF-8 without one and refuses to start with it"));
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return new(path, new Dictionary<string, FileSetting>(), problems);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            // System.Text.Json's message quotes the input it stopped at (secrets included): only the place is said.
            var line = (int?)(e.LineNumber + 1);
            var column = (int?)(e.BytePositionInLine + 1);
            problems.Add(new DaemonConfigException(path, line, column, "invalid JSON: dockerd refuses to start with it", e));
            return new(path, new Dictionary<string, FileSetting>(), problems);
        }

        using (document)
        {
            var positions = KeyPositions.Find(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(path, new Dictionary<string, FileSetting>(), [.. problems, new DaemonConfigException(path, 1, 1, $"the configuration must be a JSON object, not {Describe(document.RootElement.ValueKind)}")]);
            }

            var file = Read(path, document.RootElement, positions);
            return problems.Count == 0 ? file : new(path, file.Settings, [.. problems, .. file.Problems]);
        }
    }

    private static DaemonConfigFile Read(string path, JsonElement root, KeyPositions positions)
    {
        var settings = new Dictionary<string, FileSetting>(StringComparer.Ordinal);
        var problems = new List<DaemonConfigException>();
        var unknown = new List<(string Key, int Line, int Column)>();
        foreach (var (key, value, parent) in Flatten(root))
        {
            var (line, column) = positions.Of(parent, key);
            var option = DaemonOptionCatalog.ByKey(key);
            if (option is null)
            {
                if (!DaemonOptionCatalog.IsKnownFileKey(key))
                {
                    unknown.Add((key, line, column));
                }
                else if (DaemonOptionCatalog.ByFlag(key) is { } flagOnly)
                {
                    problems.Add(new DaemonConfigException(path, line, column, $"'{key}' is the name of the flag; dockerd accepts it in the file but ignores it. Use \"{flagOnly.Key}\"."));
                }

                continue;
            }

            var converted = JsonSettingReader.Read(option, value);
            if (converted.Error is not null)
            {
                problems.Add(new DaemonConfigException(path, line, column, converted.Error));
                continue;
            }

            // Go's decoder keeps the last of duplicate keys; so does this.
            settings[option.Key] = new FileSetting(option, converted.Value!, line, column);
        }

        if (unknown.Count > 0)
        {
            var first = unknown[0];
            var names = string.Join(", ", unknown.Select(u => $"{u.Key} (line {u.Line})"));
            problems.Insert(0, new DaemonConfigException(path, first.Line, first.Column, $"the following directives don't match any configuration option: {names}"));
        }

        return new(path, settings, problems);
    }

    /// <summary>dockerd's configValuesSet: an object under a key that is not a map option contributes its own keys.</summary>
    private static IEnumerable<(string Key, JsonElement Value, string? Parent)> Flatten(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && !DaemonOptionCatalog.IsFlatObjectKey(property.Name))
            {
                foreach (var nested in property.Value.EnumerateObject())
                {
                    yield return (nested.Name, nested.Value, property.Name);
                }

                continue;
            }

            yield return (property.Name, property.Value, null);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
