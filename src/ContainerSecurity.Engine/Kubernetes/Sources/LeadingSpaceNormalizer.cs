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

    public override int Peek() => Fill() ? _output[_outputStart] : -1;

    public override int Read() => Fill() ? _output[_outputStart++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, count).CopyTo(buffer);
        _outputStart += count;
        return count;
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
    }

    private void EndContentLine()
    {
        _atLineStart = true;
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
