using System.Text;

namespace ContainerSecurity.Engine.Files;

/// <summary>
/// Turns the bytes of an input file into text the one way every reader of the module does: the byte-order mark
/// chooses UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE), no mark means UTF-8, and bytes that are not valid in that
/// encoding are an error with their byte offset, line and column, never replaced silently and never a crash later on.
/// </summary>
public static class TextDecoding
{
    /// <summary>The encoding that <paramref name="bytes"/> announce, strict (throws on bad bytes), and the length of the mark.</summary>
    public static (Encoding Encoding, int BomLength) Detect(ReadOnlySpan<byte> bytes)
    {
        // UTF-32 LE starts like UTF-16 LE (FF FE): test it first.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Strict(), 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        return (Strict(), 0);
    }

    /// <summary>A name for messages: "UTF-8", "UTF-16 LE" …</summary>
    public static string NameOf(Encoding encoding) => encoding switch
    {
        UTF32Encoding => encoding.CodePage == 12001 ? "UTF-32 BE" : "UTF-32 LE",
        UnicodeEncoding => encoding.CodePage == 1201 ? "UTF-16 BE" : "UTF-16 LE",
        _ => "UTF-8",
    };

    /// <summary>Decodes a whole file.</summary>
    /// <exception cref="InputEncodingException">A byte sequence is not valid in the file's encoding.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string label)
    {
        var (encoding, bom) = Detect(bytes);
        var body = bytes[bom..];
        try
        {
            return encoding.GetString(body);
        }
        catch (DecoderFallbackException e)
        {
            throw At(label, encoding, body, bom, e.Index);
        }
    }

    /// <summary>
    /// The text as UTF-8 bytes, for JSON parsers: UTF-8 input without a mark is validated and returned as it is (no
    /// copy); other encodings are transcoded.
    /// </summary>
    /// <exception cref="InputEncodingException">A byte sequence is not valid in the file's encoding.</exception>
    public static ReadOnlyMemory<byte> ToUtf8(byte[] bytes, string label)
    {
        var (encoding, bom) = Detect(bytes);
        if (encoding is UTF8Encoding && System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(bom)))
        {
            return bytes.AsMemory(bom);
        }

        return Encoding.UTF8.GetBytes(Decode(bytes, label));
    }

    /// <summary>The error for a bad byte at <paramref name="index"/> of <paramref name="body"/> (the text after the mark).</summary>
    internal static InputEncodingException At(string label, Encoding encoding, ReadOnlySpan<byte> body, int bom, int index, string? consequence = null)
    {
        index = Math.Clamp(index, 0, body.Length);

        // Line and column of the bad byte: decode what comes before it, leniently (it is valid up to there).
        var lenient = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        var before = lenient.GetString(body[..index]);
        var lastNewline = before.LastIndexOf('\n');
        var line = before.AsSpan().Count('\n') + 1;
        var column = before.Length - lastNewline;
        return new InputEncodingException(label, NameOf(encoding), bom + (long)index, line, column, consequence);
    }

    private static UTF8Encoding Strict() => new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
