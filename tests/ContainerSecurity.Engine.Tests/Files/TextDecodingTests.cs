using System.Text;
using ContainerSecurity.Engine.Files;

namespace ContainerSecurity.Engine.Tests.Files;

public sealed class TextDecodingTests
{
    public static TheoryData<string, byte[]> Encoded()
    {
        const string text = "{\"é\": \"ü€\U0001F600\"}\n";
        return new()
        {
            { "UTF-8", Encoding.UTF8.GetBytes(text) },
            { "UTF-8 BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] },
            { "UTF-16 LE", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)] },
            { "UTF-16 BE", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)] },
            { "UTF-32 LE", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)] },
            { "UTF-32 BE", [.. new UTF32Encoding(true, true).GetPreamble(), .. new UTF32Encoding(true, true).GetBytes(text)] },
        };
    }

    [Theory]
    [MemberData(nameof(Encoded))]
    public void Text_is_decoded_by_its_byte_order_mark(string name, byte[] bytes)
    {
        Assert.Equal("{\"é\": \"ü€\U0001F600\"}\n", TextDecoding.Decode(bytes, name));
        Assert.Equal("{\"é\": \"ü€\U0001F600\"}\n", Encoding.UTF8.GetString(TextDecoding.ToUtf8(bytes, name).Span));
    }

    [Theory]
    [MemberData(nameof(Encoded))]
    public void The_streaming_reader_decodes_the_same_at_any_buffer_size(string name, byte[] bytes)
    {
        foreach (var size in new[] { 4, 5, 7, 64 })
        {
            using var reader = new DecodingTextReader(new MemoryStream(bytes), bufferSize: size);
            Assert.Equal("{\"é\": \"ü€\U0001F600\"}\n", reader.ReadToEnd());
            Assert.Null(reader.TakeUndecodableOffset());
            _ = name;
        }
    }

    [Fact]
    public void Invalid_utf8_is_an_error_with_byte_offset_line_and_column()
    {
        var error = Assert.Throws<InputEncodingException>(() => TextDecoding.Decode("ab\ncé"u8.ToArray().Concat(new byte[] { 0xFF, (byte)'x' }).ToArray(), "f.json"));

        Assert.Equal(6, error.ByteOffset);
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.StartsWith("f.json:2:3: the bytes at byte offset 6 are not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_odd_byte_at_the_end_of_utf16_is_an_error_not_a_crash()
    {
        byte[] bytes = [0xFF, 0xFE, (byte)'a', 0, (byte)'b'];

        var error = Assert.Throws<InputEncodingException>(() => TextDecoding.Decode(bytes, "f"));

        Assert.Contains("UTF-16 LE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_streaming_reader_marks_each_bad_sequence_and_remembers_its_offset()
    {
        // a b \n c <FF> d <E2 82 (truncated €)> \n e é <80> f
        byte[] bytes = [0x61, 0x62, 0x0A, 0x63, 0xFF, 0x64, 0xE2, 0x82, 0x0A, 0x65, 0xC3, 0xA9, 0x80, 0x66];
        foreach (var size in new[] { 4, 5, 7, 16 })
        {
            using var reader = new DecodingTextReader(new MemoryStream(bytes), bufferSize: size);

            Assert.Equal("ab\nc\uFFFFd\uFFFF\neé\uFFFFf", reader.ReadToEnd());
            Assert.Equal([4L, 6L, 12L], [reader.TakeUndecodableOffset()!.Value, reader.TakeUndecodableOffset()!.Value, reader.TakeUndecodableOffset()!.Value]);
        }
    }

    [Fact]
    public void Parser_messages_lose_the_input_they_quote()
    {
        Assert.Equal("The anchor '…' was not found.", ParserMessages.WithoutInput("The anchor 'password123' was not found."));
        Assert.Equal("found invalid content after '...' marker.", ParserMessages.WithoutInput("found invalid content after '...' marker."));
    }
}
