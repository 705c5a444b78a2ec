using ContainerSecurity.Engine.Files;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// Splits a character stream into YAML documents at the <c>---</c> and <c>...</c> markers that start a line, and
/// hands out one <see cref="TextReader"/> per document. Each document is parsed on its own, so a syntax error
/// loses only that document, and nothing is buffered beyond one read block: a 50 MB <c>kind: List</c> streams.
/// </summary>
internal sealed class DocumentStream : IDisposable
{
    // Small and pooled: an audit of 10,000 small files must not allocate 10,000 large buffers.
    private const int BlockSize = 16 * 1024;
    private readonly TextReader _inner;
    private char[] _buffer = System.Buffers.ArrayPool<char>.Shared.Rent(BlockSize);
    private int _position;
    private int _length;
    private bool _innerEnded;
    private bool _atLineStart = true;
    private bool _documentEnded = true;
    private long _documentChars;
    private int _line = 1;
    private int _column = 1;
    private long _charsSinceReset;
    private bool _skipping;

    public DocumentStream(TextReader inner) => _inner = inner;

    /// <summary>The 1-based line the stream is at.</summary>
    public int Line => _line;

    /// <summary>A limit on characters read between two <see cref="ResetCharCount"/> calls; 0 for none.</summary>
    public int MaxCharsBetweenResets { get; set; }

    /// <inheritdoc/>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves past the rest of the current document to the next one.</summary>
    /// <param name="firstLine">The 1-based line where the next document starts.</param>
    /// <returns>A reader of that document, or <see langword="null"/> at the end of the stream.</returns>
    public TextReader? NextDocument(out int firstLine)
    {
        // Skipping the rest of a document that failed is not "reading a value": no per-event limit, and bad bytes
        // in it were already reported with the document.
        _skipping = true;
        try
        {
            while (!_documentEnded)
            {
                ResetCharCount();
                ReadChar();
            }
        }
        finally
        {
            _skipping = false;
        }

        firstLine = _line;
        if (!EnsureAvailable(1))
        {
            return null;
        }

        _documentEnded = false;
        _documentChars = 0;
        return new DocumentReader(this);
    }

    /// <summary>Restarts the per-event character count (called by the parser loop after each event).</summary>
    public void ResetCharCount() => _charsSinceReset = 0;

    private int PeekChar()
    {
        if (_documentEnded || !AtDocumentChar())
        {
            return -1;
        }

        StopAtUndecodable(_buffer[_position]);
        return _buffer[_position];
    }

    private int ReadChar()
    {
        if (_documentEnded || !AtDocumentChar())
        {
            return -1;
        }

        StopAtUndecodable(_buffer[_position]);
        var c = _buffer[_position++];
        if (c == DecodingTextReader.Undecodable && _skipping)
        {
            (_inner as DecodingTextReader)?.TakeUndecodableOffset();
        }

        Count(1);
        _documentChars++;
        _atLineStart = c == '\n';
        _column++;
        if (_atLineStart)
        {
            _line++;
            _column = 1;
        }

        return c;
    }

    // Copies document characters up to the end of the current line, so line-start markers are checked per line.
    private int ReadBlock(Span<char> destination)
    {
        if (destination.IsEmpty || _documentEnded || !AtDocumentChar())
        {
            return 0;
        }

        var available = Math.Min(destination.Length, _length - _position);
        var source = _buffer.AsSpan(_position, available);
        StopAtUndecodable(source[0]);

        // A block ends before bad bytes, so the parser takes everything before them and then meets the error.
        var bad = source.IndexOf(DecodingTextReader.Undecodable);
        if (bad > 0)
        {
            source = source[..bad];
            available = bad;
        }

        var newline = source.IndexOf('\n');
        var count = newline < 0 ? available : newline + 1;
        source[..count].CopyTo(destination);
        _position += count;
        _documentChars += count;
        Count(count);
        _atLineStart = newline >= 0;
        _column += count;
        if (_atLineStart)
        {
            _line++;
            _column = 1;
        }

        return count;
    }

    // The document holds bytes that could not be decoded (or U+FFFF, which YAML does not allow): it fails here.
    private void StopAtUndecodable(char c)
    {
        if (c == DecodingTextReader.Undecodable && !_skipping)
        {
            // Consumed here, so the skip that follows does not take its offset a second time.
            _position++;
            _documentChars++;
            throw new UndecodableTextException(_line, _column, (_inner as DecodingTextReader)?.TakeUndecodableOffset(), (_inner as DecodingTextReader)?.EncodingName);
        }
    }

    private void Count(int chars)
    {
        _charsSinceReset += chars;
        if (MaxCharsBetweenResets > 0 && _charsSinceReset > MaxCharsBetweenResets)
        {
            throw new ManifestLimitException(
                $"A single value is longer than {MaxCharsBetweenResets} characters.", _line, 1);
        }
    }

    // Whether a character of the current document is available; ends the document at a marker line.
    private bool AtDocumentChar()
    {
        if (!EnsureAvailable(1))
        {
            _documentEnded = true;
            return false;
        }

        if (!_atLineStart || _documentChars == 0)
        {
            return true;
        }

        EnsureAvailable(4);
        if (IsMarker('-'))
        {
            // "---" opens the next document, which keeps the marker line (it may carry content: "--- !tag").
            _documentEnded = true;
            return false;
        }

        if (IsMarker('.'))
        {
            // "..." closes this document; the rest of its line belongs to nobody.
            while (EnsureAvailable(1) && _buffer[_position] != '\n')
            {
                _position++;
            }

            if (EnsureAvailable(1))
            {
                _position++;
                _line++;
                _column = 1;
            }

            _atLineStart = true;
            _documentEnded = true;
            return false;
        }

        return true;
    }

    private bool IsMarker(char c)
    {
        var available = _length - _position;
        if (available < 3 || _buffer[_position] != c || _buffer[_position + 1] != c || _buffer[_position + 2] != c)
        {
            return false;
        }

        return available == 3 || _buffer[_position + 3] is ' ' or '\t' or '\r' or '\n';
    }

    private bool EnsureAvailable(int count)
    {
        if (_length - _position >= count)
        {
            return true;
        }

        if (_innerEnded)
        {
            return _length - _position > 0 && count <= _length - _position;
        }

        Array.Copy(_buffer, _position, _buffer, 0, _length - _position);
        _length -= _position;
        _position = 0;
        while (_length < count)
        {
            var read = _inner.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                _innerEnded = true;
                break;
            }

            // YAML and JSON never contain NUL; text that does is a binary file (checked per block, vectorized).
            if (_buffer.AsSpan(_length, read).Contains('\0'))
            {
                throw new BinaryContentException(_line);
            }

            _length += read;
        }

        return _length >= count;
    }

    private sealed class DocumentReader(DocumentStream stream) : TextReader
    {
        public override int Peek() => stream.PeekChar();

        public override int Read() => stream.ReadChar();

        public override int Read(char[] buffer, int index, int count) => stream.ReadBlock(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer) => stream.ReadBlock(buffer);
    }
}

/// <summary>A document holds bytes that are not valid in the file's encoding; only that document is lost.</summary>
internal sealed class UndecodableTextException(int line, int column, long? byteOffset, string? encodingName) : Exception(
    byteOffset is { } offset
        ? $"The bytes at byte offset {offset} are not valid {encodingName}; this document was not audited, the other documents of the file are."
        : "The text holds U+FFFF, which YAML does not allow; this document was not audited, the other documents are.")
{
    /// <summary>The line that holds the bad bytes.</summary>
    public int Line { get; } = line;

    /// <summary>The column (in characters) of the bad bytes.</summary>
    public int Column { get; } = column;
}

/// <summary>The input contains NUL characters: it is binary, not YAML or JSON.</summary>
internal sealed class BinaryContentException(int line) : Exception("The input is binary (it contains NUL characters), not YAML or JSON.")
{
    /// <summary>The line near which the binary content starts.</summary>
    public int Line { get; } = line;
}
