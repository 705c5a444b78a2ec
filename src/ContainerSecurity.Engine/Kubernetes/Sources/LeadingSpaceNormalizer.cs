namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// Empties the lines that hold only spaces when the next line with content is indented at least as far, before
/// YamlDotNet sees them. YAML 1.2 (§8.1.1.1) takes a block scalar's indentation from its first non-empty line and
/// allows the leading empty lines up to that many spaces; YamlDotNet 18.1.0 refuses a literal block scalar whose
/// first, empty line has more spaces than the parent's indentation ("found extra spaces in first line"), which
/// helm charts emit (istio's samples/addons/loki.yaml). Such spaces are indentation, never content, in every YAML
/// context (block scalars, plain and quoted multi-line scalars fold or strip them), so removing them changes no value;
/// a line with more spaces than the next content line is left as it is, so what YAML 1.2 rejects is still rejected.
/// Streams: only the space counts of a run of blank lines are held, never their text.
/// </summary>
internal sealed class LeadingSpaceNormalizer(TextReader inner) : TextReader
{
    private readonly char[] _input = new char[4096];
    private readonly List<(int Spaces, bool CarriageReturn)> _blankLines = [];
    private char[] _output = new char[4096];
    private int _outputStart;
    private int _outputEnd;
    private bool _atLineStart = true;
    private int _spaces;
    private bool _carriageReturn;
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
                FlushBlankLines(int.MinValue);
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
                    Accept(_input[i++]);
                    continue;
                }

                // Inside a line with content: copy up to and including its end in one go.
                var rest = _input.AsSpan(i, read - i);
                var newline = rest.IndexOf('\n');
                var length = newline < 0 ? rest.Length : newline + 1;
                EmitSpan(rest[..length]);
                _atLineStart = newline >= 0;
                i += length;
            }
        }

        return true;
    }

    private void Accept(char c)
    {
        if (!_atLineStart)
        {
            Emit(c, 1);
            _atLineStart = c == '\n';
            return;
        }

        if (_carriageReturn && c != '\n')
        {
            // A carriage return that ends no line: the line has content.
            StartContentLine();
            Emit('\r', 1);
            _carriageReturn = false;
            Accept(c);
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
                Accept(c);
                break;
        }
    }

    // The line under way has content, indented by _spaces: decide the blank lines before it, then pass it through.
    private void StartContentLine()
    {
        FlushBlankLines(_spaces);
        Emit(' ', _spaces);
        _spaces = 0;
        _atLineStart = false;
    }

    private void FlushBlankLines(int nextIndentation)
    {
        foreach (var (spaces, carriageReturn) in _blankLines)
        {
            if (spaces > nextIndentation)
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

    private void EmitSpan(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(_output.AsSpan(_outputEnd));
        _outputEnd += text.Length;
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
