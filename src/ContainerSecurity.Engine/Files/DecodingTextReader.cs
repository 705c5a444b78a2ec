using System.Text;

namespace ContainerSecurity.Engine.Files;

/// <summary>
/// A streaming <see cref="TextReader"/> that decodes by byte-order mark as <see cref="TextDecoding"/> does, and puts
/// <see cref="Undecodable"/> (U+FFFF, a noncharacter that YAML and Kubernetes text never hold) in place of each byte
/// sequence that is not valid, remembering where it was. A reader that splits the text into parts (YAML documents)
/// can then fail the part that holds the bad bytes, at its place, and go on with the rest.
/// </summary>
public sealed class DecodingTextReader : TextReader
{
    /// <summary>The character that stands for bytes that could not be decoded.</summary>
    public const char Undecodable = '\uFFFF';

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _bytes;
    private readonly char[] _chars;
    private readonly Queue<long> _badOffsets = new();
    private readonly RecordingFallback _fallback;
    private Decoder? _decoder;
    private int _charPosition;
    private int _charLength;
    private long _bytesBefore;
    private bool _ended;

    /// <summary>Reads <paramref name="stream"/>.</summary>
    public DecodingTextReader(Stream stream, bool leaveOpen = false, int bufferSize = 16 * 1024)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _bytes = new byte[bufferSize];
        _chars = new char[bufferSize + 4];
        _fallback = new RecordingFallback(this);
    }

    /// <summary>The encoding chosen by the mark (UTF-8 without one); known after the first read.</summary>
    public string EncodingName { get; private set; } = "UTF-8";

    /// <summary>The byte offset of the next bad sequence not yet taken, in the order the characters are read.</summary>
    public long? TakeUndecodableOffset() => _badOffsets.Count > 0 ? _badOffsets.Dequeue() : null;

    /// <inheritdoc/>
    public override int Peek() => Fill() ? _chars[_charPosition] : -1;

    /// <inheritdoc/>
    public override int Read() => Fill() ? _chars[_charPosition++] : -1;

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _charLength - _charPosition);
        _chars.AsSpan(_charPosition, count).CopyTo(buffer);
        _charPosition += count;
        return count;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        while (_charPosition >= _charLength)
        {
            if (_ended)
            {
                return false;
            }

            var read = _stream.Read(_bytes, 0, _bytes.Length);
            var start = 0;
            if (_decoder is null)
            {
                // The mark is in the first bytes; read until there are four, or the file ends.
                while (read < 4 && read > 0)
                {
                    var more = _stream.Read(_bytes, read, _bytes.Length - read);
                    if (more == 0)
                    {
                        break;
                    }

                    read += more;
                }

                var (strict, bom) = TextDecoding.Detect(_bytes.AsSpan(0, read));
                EncodingName = TextDecoding.NameOf(strict);
                var encoding = (Encoding)strict.Clone();
                encoding.DecoderFallback = _fallback;
                _decoder = encoding.GetDecoder();
                start = bom;
                _bytesBefore = bom;
            }

            _ended = read == 0;
            _fallback.ChunkStart = _bytesBefore - start;
            _charLength = _decoder.GetChars(_bytes, start, read - start, _chars, 0, flush: _ended);
            _charPosition = 0;
            _bytesBefore += read - start;
        }

        return true;
    }

    // Replaces each bad sequence with one U+FFFF and records the file offset where it starts.
    private sealed class RecordingFallback(DecodingTextReader owner) : DecoderFallback
    {
        public long ChunkStart { get; set; }

        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

        private sealed class Buffer(RecordingFallback fallback) : DecoderFallbackBuffer
        {
            private bool _pending;

            public override int Remaining => _pending ? 1 : 0;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                fallback.Record(fallback.ChunkStart + index);
                _pending = true;
                return true;
            }

            public override char GetNextChar()
            {
                if (!_pending)
                {
                    return '\0';
                }

                _pending = false;
                return Undecodable;
            }

            public override bool MovePrevious() => false;

            public override void Reset() => _pending = false;
        }

        private void Record(long offset) => owner._badOffsets.Enqueue(offset);
    }
}
