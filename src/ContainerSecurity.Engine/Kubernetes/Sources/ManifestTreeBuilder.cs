using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// Builds <see cref="ManifestNode"/> trees from the YAML event stream of one document. Aliases share the anchored
/// node (nothing is copied) and count their expanded size against <see cref="ManifestLimits.MaxExpandedNodes"/>,
/// so an alias bomb is refused without being expanded. The items of a <c>kind: List</c> (or any <c>*List</c>) are
/// handed out one by one as they complete and never held, so a cluster-wide list streams.
/// </summary>
internal sealed class ManifestTreeBuilder
{
    private readonly ManifestLimits _limits;
    private readonly int _lineOffset;
    private readonly Stack<Frame> _frames = new();
    private readonly Dictionary<string, (ManifestNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private string? _rootKind;
    private Frame? _rootFrame;

    public ManifestTreeBuilder(ManifestLimits limits, int firstLine)
    {
        _limits = limits;
        _lineOffset = firstLine - 1;
    }

    /// <summary>The document's root, once the document has ended.</summary>
    public ManifestNode? Root { get; private set; }

    /// <summary>Whether the root declared itself a list kind, so its items were handed out already.</summary>
    public bool RootIsList => _rootKind is not null && _rootKind.EndsWith("List", StringComparison.Ordinal);

    /// <summary>Takes one parser event; returns a completed list item, if this event completed one.</summary>
    public ManifestMapping? Accept(ParsingEvent parsingEvent)
    {
        switch (parsingEvent)
        {
            case Scalar scalar:
                var node = new ManifestScalar(scalar.Value, IsString(scalar), Line(scalar.Start), Column(scalar.Start));
                return Complete(node, 1, scalar.Anchor, scalar.Start);
            case AnchorAlias alias:
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw new ManifestLimitException($"The alias *{alias.Value.Value} names no anchor.", Line(alias.Start), Column(alias.Start));
                }

                return Complete(anchored.Node, anchored.Size, AnchorName.Empty, alias.Start);
            case MappingStart mapping:
                Push(new Frame(isMapping: true, mapping.Anchor, mapping.Start));
                return null;
            case SequenceStart sequence:
                Push(new Frame(isMapping: false, sequence.Anchor, sequence.Start));
                return null;
            case MappingEnd or SequenceEnd:
                var frame = _frames.Pop();
                return Complete(frame.Build(Line(frame.Start), Column(frame.Start)), frame.Size, frame.Anchor, frame.Start);
            default:
                return null;
        }
    }

    // A scalar is a string when quoted or a block scalar, unless an explicit core-schema tag says otherwise:
    // kubectl's YAML-to-JSON conversion turns `hostIPC: !!bool "true"` into true and `!!str true` into "true".
    // The non-specific tag "!" makes a plain scalar a string too.
    private static bool IsString(Scalar scalar) =>
        scalar.Tag.IsEmpty ? scalar.Style != ScalarStyle.Plain
        : scalar.Tag.IsNonSpecific || scalar.Tag.Value switch
        {
            "tag:yaml.org,2002:str" or "tag:yaml.org,2002:binary" or "tag:yaml.org,2002:timestamp" => true,
            "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:null" => false,
            _ => scalar.Style != ScalarStyle.Plain,
        };

    private void Push(Frame frame)
    {
        if (_frames.Count >= _limits.MaxDepth)
        {
            throw new ManifestLimitException($"Nesting is deeper than {_limits.MaxDepth} levels.", Line(frame.Start), Column(frame.Start));
        }

        _rootFrame ??= frame;
        _frames.Push(frame);
    }

    private ManifestMapping? Complete(ManifestNode node, long size, AnchorName anchor, Mark start)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, size);
        }

        if (_frames.Count == 0)
        {
            Root = node;
            return null;
        }

        var parent = _frames.Peek();

        // An item of the root's "items" sequence that is itself an object: audit it now, keep nothing.
        if (_frames.Count == 2 && !parent.IsMapping && IsRootItems() && node is ManifestMapping item
            && item["kind"] is not null && item["apiVersion"] is not null && (_rootKind is null || RootIsList))
        {
            return item;
        }

        if (_frames.Count == 1 && parent.IsMapping && parent.PendingKey == "kind" && node is ManifestScalar kind)
        {
            _rootKind = kind.Value;
        }

        parent.Add(node, size, _limits, Line(start), Column(start));
        return null;
    }

    // Called with two frames open: the root and the sequence being filled.
    private bool IsRootItems() => _rootFrame is { IsMapping: true, PendingKey: "items" };

    private int Line(Mark mark) => (int)mark.Line + _lineOffset;

    private static int Column(Mark mark) => (int)mark.Column;

    private sealed class Frame(bool isMapping, AnchorName anchor, Mark start)
    {
        private readonly List<KeyValuePair<string, ManifestNode>>? _entries = isMapping ? [] : null;
        private readonly List<ManifestNode>? _items = isMapping ? null : [];
        private List<ManifestNode>? _merges;

        public bool IsMapping { get; } = isMapping;

        public AnchorName Anchor { get; } = anchor;

        public Mark Start { get; } = start;

        public string? PendingKey { get; private set; }

        private bool _expectingKey = true;

        public long Size { get; private set; } = 1;

        public void Add(ManifestNode node, long size, ManifestLimits limits, int line, int column)
        {
            Size = Size > limits.MaxExpandedNodes - size ? long.MaxValue : Size + size;
            if (Size > limits.MaxExpandedNodes)
            {
                throw new ManifestLimitException(
                    $"The document expands to more than {limits.MaxExpandedNodes} nodes (an alias bomb?).", line, column);
            }

            if (_items is not null)
            {
                _items.Add(node);
            }
            else if (_expectingKey)
            {
                PendingKey = node is ManifestScalar key ? key.Value : "?" + node.TypeName;
                _expectingKey = false;
            }
            else
            {
                if (PendingKey == "<<")
                {
                    // YAML 1.1 merge key (kubectl honours it): merged entries rank below the mapping's own.
                    _merges ??= [];
                    _merges.Add(node);
                }
                else
                {
                    _entries!.Add(new(PendingKey!, node));
                }

                PendingKey = null;
                _expectingKey = true;
            }
        }

        public ManifestNode Build(int line, int column)
        {
            if (_items is not null)
            {
                return new ManifestSequence(_items, line, column);
            }

            if (_merges is null)
            {
                return new ManifestMapping(_entries!, line, column);
            }

            var merged = new List<KeyValuePair<string, ManifestNode>>();
            foreach (var source in _merges)
            {
                var mappings = source is ManifestSequence sequence ? sequence.Items.Reverse() : [source];
                foreach (var mapping in mappings.OfType<ManifestMapping>())
                {
                    merged.AddRange(mapping.Entries);
                }
            }

            merged.AddRange(_entries!);
            return new ManifestMapping(merged, line, column);
        }
    }
}
