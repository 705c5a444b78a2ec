namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// A light, read-only node of a YAML or JSON document with the 1-based position where it starts. It is all the
/// engine keeps of a document: no object model per kind, so audits cost little more than parsing.
/// </summary>
public abstract class ManifestNode
{
    private protected ManifestNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line where the node starts (0 when the node did not come from text).</summary>
    public int Line { get; }

    /// <summary>The 1-based column where the node starts (0 when the node did not come from text).</summary>
    public int Column { get; }

    /// <summary>The value under <paramref name="key"/> when this is a mapping that has it.</summary>
    public ManifestNode? this[string key] => (this as ManifestMapping)?.Get(key);

    /// <summary>The text of a scalar, or <see langword="null"/> for other nodes and for YAML null.</summary>
    public string? Text => this is ManifestScalar { IsNull: false } scalar ? scalar.Value : null;

    /// <summary>A short name of the node type for messages: mapping, sequence, string, number, boolean, null.</summary>
    public abstract string TypeName { get; }
}

/// <summary>A scalar: its text, and whether it was quoted (a quoted "true" is a string, not a boolean).</summary>
public sealed class ManifestScalar : ManifestNode
{
    /// <summary>Creates a scalar.</summary>
    public ManifestScalar(string value, bool isQuoted, int line, int column)
        : base(line, column)
    {
        Value = value;
        IsQuoted = isQuoted;
    }

    /// <summary>The scalar's text as written (after YAML unescaping).</summary>
    public string Value { get; }

    /// <summary>Whether the scalar was quoted or a block scalar, which makes it a string whatever its text.</summary>
    public bool IsQuoted { get; }

    /// <summary>Whether the scalar is a YAML null (<c>~</c>, <c>null</c> or empty, unquoted).</summary>
    public bool IsNull => !IsQuoted && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <inheritdoc/>
    public override string TypeName => IsNull ? "null" : IsQuoted ? "string" : PlainScalars.TypeOf(Value);
}

/// <summary>A mapping, with its keys in document order.</summary>
public sealed class ManifestMapping : ManifestNode
{
    private readonly List<KeyValuePair<string, ManifestNode>> _entries;

    /// <summary>Creates a mapping from entries in document order.</summary>
    public ManifestMapping(List<KeyValuePair<string, ManifestNode>> entries, int line, int column)
        : base(line, column) => _entries = entries;

    /// <summary>The entries in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, ManifestNode>> Entries => _entries;

    /// <inheritdoc/>
    public override string TypeName => "mapping";

    /// <summary>The value of <paramref name="key"/>; the last one wins when a key repeats, as in Kubernetes.</summary>
    public ManifestNode? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return _entries[i].Value;
            }
        }

        return null;
    }
}

/// <summary>A sequence of nodes.</summary>
public sealed class ManifestSequence : ManifestNode
{
    private readonly List<ManifestNode> _items;

    /// <summary>Creates a sequence.</summary>
    public ManifestSequence(List<ManifestNode> items, int line, int column)
        : base(line, column) => _items = items;

    /// <summary>The items.</summary>
    public IReadOnlyList<ManifestNode> Items => _items;

    /// <inheritdoc/>
    public override string TypeName => "sequence";
}
