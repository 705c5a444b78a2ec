namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// Empties the leading lines of a block scalar that hold only spaces, up to the indentation of its first line with
/// content, before YamlDotNet sees them. YAML 1.2 (§8.1.1.1) takes a block scalar's indentation from its first
/// non-empty line and allows leading empty lines with up to that many spaces; YamlDotNet 18.1.0 refuses a literal
/// block scalar whose first, empty line has more spaces than the parent's indentation ("found extra spaces in first
/// line"), which helm charts emit (istio's samples/addons/loki.yaml). Those spaces are indentation, not content, so
/// removing them changes no value; a leading line with more spaces than the content is left as it is (YAML 1.2
/// rejects it, and so do kubectl and PyYAML), and lines inside a block scalar are never touched. A block scalar with
/// an indentation indicator (<c>|2</c>) is left alone: its indentation does not come from its first line.
/// Streams: lines with content pass through in blocks; only the space counts of a run of blank lines and the tail of
/// the current line are held.
/// </summary>
internal sealed class LeadingSpaceNormalizer(TextReader inner) : TextReader
{
    // A header longer than this (a long comment after "|") is not recognized, and YamlDotNet decides alone.
    private const int TailLength = 128;
    private static readonly System.Buffers.SearchValues<char> s_flowCharacters = System.Buffers.SearchValues.Create("[]{}\"'#");
    private readonly char[] _input = new char[4096];
    private readonly List<(int Spaces, bool CarriageReturn)> _blankLines = [];
    private readonly char[] _tail = new char[TailLength];
    private int _tailLength;
    private char[] _output = new char[4096];
    private int _outputStart;
    private int _outputEnd;
    private bool _atLineStart = true;
    private int _spaces;
    private bool _carriageReturn;
    private int _lineIndentation;
    private int _blockParentIndentation = -1;
    private bool _blockJustOpened;
    private bool _ended;
    private int _deliveredLine = 1;
    private int _deliveredColumn;

    // A light scan of flow collections, only to say where YamlDotNet stopped when it throws without a position:
    // the first line that continues a [...] or {...} without being indented past the line that opened it.
    private int _inputLine = 1;
    private bool _inBlockContent;
    private int _flowDepth;
    private int _flowOpenIndentation;
    private char _quote;
    private bool _escape;
    private bool _inComment;
    private char _previous = ' ';
    private (int Line, int Column)? _flowFault;

    /// <summary>What YamlDotNet's InvalidOperationException means, as far as it has been seen (it gives no message).</summary>
    public const string FlowIndentationReason =
        "this line continues a flow collection ([...] or {...}) without being indented past the mapping or list that holds it.";

    /// <summary>
    /// The 1-based line and column, within the document, where a parser that stops without a position (YamlDotNet's
    /// InvalidOperationException) was reading: the first character after the indentation of the last line handed
    /// out whole (the parser takes a line at a time), else the next character.
    /// </summary>
    public (int Line, int Column) Position =>
        _flowFault ?? (_deliveredColumn == 0 && _deliveredLine > 1 ? (_deliveredLine - 1, _lineIndentation + 1) : (_deliveredLine, _deliveredColumn + 1));

    public override int Peek() => Fill() ? _output[_outputStart] : -1;

    public override int Read()
    {
        if (!Fill())
        {
            return -1;
        }

        var c = _output[_outputStart++];
        Deliver(new ReadOnlySpan<char>(in c));
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, count).CopyTo(buffer);
        Deliver(_output.AsSpan(_outputStart, count));
        _outputStart += count;
        return count;
    }

    private void Deliver(ReadOnlySpan<char> text)
    {
        var newline = text.LastIndexOf('\n');
        if (newline < 0)
        {
            _deliveredColumn += text.Length;
            return;
        }

        _deliveredLine += text.Count('\n');
        _deliveredColumn = text.Length - newline - 1;
    }

    private bool Fill()
    {
        while (_outputStart == _outputEnd)
        {
            if (_ended)
            {
                return false;
            }

            _outputStart = _outputEnd = 0;
            var read = inner.Read(_input, 0, _input.Length);
            if (read == 0)
            {
                // No content line follows: the blank lines (and a started one) stay exactly as written.
                FlushBlankLines(normalizeUpTo: -1);
                Emit(' ', _spaces);
                if (_carriageReturn)
                {
                    Emit('\r', 1);
                }

                _ended = true;
                continue;
            }

            var i = 0;
            while (i < read)
            {
                if (_atLineStart)
                {
                    AcceptAtLineStart(_input[i++]);
                    continue;
                }

                // Inside a line with content: copy up to and including its end in one go.
                var rest = _input.AsSpan(i, read - i);
                var newline = rest.IndexOf('\n');
                var length = newline < 0 ? rest.Length : newline + 1;
                PassThrough(rest[..length]);
                i += length;
                if (newline >= 0)
                {
                    EndContentLine();
                }
            }
        }

        return true;
    }

    private void AcceptAtLineStart(char c)
    {
        if (_carriageReturn && c != '\n')
        {
            // A carriage return that ends no line: the line has content.
            StartContentLine();
            PassThrough("\r");
            _carriageReturn = false;
            PassThrough([c]);
            if (c == '\n')
            {
                EndContentLine();
            }

            return;
        }

        switch (c)
        {
            case ' ':
                _spaces++;
                break;
            case '\r':
                _carriageReturn = true;
                break;
            case '\n':
                _inputLine++;
                _blankLines.Add((_spaces, _carriageReturn));
                _spaces = 0;
                _carriageReturn = false;
                break;
            default:
                StartContentLine();
                PassThrough([c]);
                break;
        }
    }

    // The line under way has content, indented by _spaces: decide the blank lines before it.
    private void StartContentLine()
    {
        var indentation = _spaces;
        var firstLineOfBlock = _blockJustOpened && indentation > _blockParentIndentation;
        FlushBlankLines(firstLineOfBlock ? indentation : -1);
        _blockJustOpened = false;
        if (_blockParentIndentation >= 0 && indentation <= _blockParentIndentation)
        {
            _blockParentIndentation = -1;
        }

        Emit(' ', indentation);
        _lineIndentation = indentation;
        _spaces = 0;
        _tailLength = 0;
        _atLineStart = false;
        _inBlockContent = _blockParentIndentation >= 0;
        _inComment = false;
        _previous = ' ';
        if (!_inBlockContent && _flowDepth > 0 && _quote == '\0' && indentation <= _flowOpenIndentation)
        {
            _flowFault ??= (_inputLine, indentation + 1);
        }
    }

    private void EndContentLine()
    {
        _atLineStart = true;
        _inputLine++;
        if (_blockParentIndentation < 0 && IsBlockScalarHeader(_tail.AsSpan(0, _tailLength)))
        {
            _blockParentIndentation = _lineIndentation;
            _blockJustOpened = true;
        }
    }

    // "key: |", "- >-", "--- |+", "key: &a !!str |  # comment": a block indicator ends the line, without an
    // indentation indicator.
    private static bool IsBlockScalarHeader(ReadOnlySpan<char> line)
    {
        // Cheap first: almost every line ends in something else than a block indicator and no comment.
        var end = line.TrimEnd(" \t\r\n");
        if (end.IsEmpty || (end[^1] is not ('|' or '>' or '-' or '+') && !end.Contains('#')))
        {
            return false;
        }

        var comment = line.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0)
        {
            line = line[..comment];
        }

        line = line.TrimEnd(" \t\r\n");
        var start = line.LastIndexOfAny(' ', '\t') + 1;
        var token = line[start..];
        if (token.Length is 0 or > 2 || token[0] is not ('|' or '>'))
        {
            return false;
        }

        return token.Length == 1 || token[1] is '-' or '+';
    }

    private void FlushBlankLines(int normalizeUpTo)
    {
        foreach (var (spaces, carriageReturn) in _blankLines)
        {
            if (spaces > normalizeUpTo)
            {
                Emit(' ', spaces);
            }

            if (carriageReturn)
            {
                Emit('\r', 1);
            }

            Emit('\n', 1);
        }

        _blankLines.Clear();
    }

    private void PassThrough(ReadOnlySpan<char> text)
    {
        if (!_inBlockContent && _flowFault is null)
        {
            ScanFlow(text);
        }

        Reserve(text.Length);
        text.CopyTo(_output.AsSpan(_outputEnd));
        _outputEnd += text.Length;

        // Keep the end of the line for the header test.
        if (text.Length >= TailLength)
        {
            text[^TailLength..].CopyTo(_tail);
            _tailLength = TailLength;
        }
        else
        {
            var keep = Math.Min(_tailLength, TailLength - text.Length);
            _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
            text.CopyTo(_tail.AsSpan(keep));
            _tailLength = keep + text.Length;
        }
    }

    private void ScanFlow(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && !_inComment)
        {
            if (_quote == '\0')
            {
                // Most lines hold none of these: jump to the next one (vectorized) instead of looking at every character.
                var next = text[i..].IndexOfAny(s_flowCharacters);
                if (next < 0)
                {
                    _previous = text[^1];
                    return;
                }

                i += next;
                if (next > 0)
                {
                    _previous = text[i - 1];
                }
            }

            var c = text[i++];
            if (_quote == '"')
            {
                if (_escape)
                {
                    _escape = false;
                }
                else if (c == '\\')
                {
                    _escape = true;
                }
                else if (c == '"')
                {
                    _quote = '\0';
                }
            }
            else if (_quote == '\'')
            {
                _quote = c == '\'' ? '\0' : _quote;
            }
            else
            {
                var tokenStart = _previous is ' ' or '\t' or '[' or '{' or ',' or ':' or '-' or '?';
                switch (c)
                {
                    case '#' when _previous is ' ' or '\t':
                        _inComment = true;
                        break;
                    case '"' or '\'' when tokenStart:
                        _quote = c;
                        break;
                    case '[' or '{' when _flowDepth > 0 || tokenStart:
                        if (_flowDepth++ == 0)
                        {
                            _flowOpenIndentation = _lineIndentation;
                        }

                        break;
                    case ']' or '}' when _flowDepth > 0:
                        _flowDepth--;
                        break;
                }
            }

            _previous = c;
        }
    }

    private void Reserve(int count)
    {
        if (_outputEnd + count > _output.Length)
        {
            Array.Resize(ref _output, Math.Max(_output.Length * 2, _outputEnd + count));
        }
    }

    private void Emit(char c, int count)
    {
        Reserve(count);
        _output.AsSpan(_outputEnd, count).Fill(c);
        _outputEnd += count;
    }
}
