using System.Text.Json;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// Where each key of a JSON object (and of the objects directly under it) is written, as 1-based line and column.
/// JsonDocument does not keep positions, so a reader pass records them from the token offsets.
/// </summary>
internal sealed class KeyPositions
{
    private readonly Dictionary<(string? Parent, string Key), (int Line, int Column)> _positions = [];

    public (int Line, int Column) Of(string? parent, string key) =>
        _positions.TryGetValue((parent, key), out var position) ? position : (1, 1);

    /// <summary>Records the keys at depth 1 and 2 of <paramref name="utf8"/>, which must be valid JSON.</summary>
    public static KeyPositions Find(byte[] utf8)
    {
        var positions = new KeyPositions();
        var lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8);
        string? parent = null;
        string? lastTopKey = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    lastTopKey = reader.GetString();
                    positions.Record(null, lastTopKey!, reader.TokenStartIndex, lineStarts);
                    break;
                case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                    parent = lastTopKey;
                    break;
                case JsonTokenType.EndObject when reader.CurrentDepth == 1:
                    parent = null;
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 2 && parent is not null:
                    positions.Record(parent, reader.GetString()!, reader.TokenStartIndex, lineStarts);
                    break;
            }
        }

        return positions;
    }

    private void Record(string? parent, string key, long offset, List<long> lineStarts)
    {
        var index = lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;

        // The last duplicate key wins in Go's decoder; point at it.
        _positions[(parent, key)] = (line + 1, (int)(offset - lineStarts[line]) + 1);
    }

    private static List<long> LineStarts(byte[] utf8)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
