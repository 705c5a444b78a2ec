using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("\"x\" 'y'", "&quot;x&quot; &#39;y&#39;")]
    [InlineData("bell\u0007", "bell\uFFFD")]
    [InlineData("Ünïcödé ×", "Ünïcödé ×")]
    [InlineData(null, "")]
    public void Encode_leaves_no_markup(string? text, string expected) => Assert.Equal(expected, HtmlText.Encode(text));

    [Fact]
    public void Prose_turns_paragraphs_and_code_spans_into_markup_and_nothing_else()
    {
        var html = HtmlText.Prose("Set `icc` to <false>\nin daemon.json.\n\nA `<b>` tag and an unmatched ` tick.");

        Assert.Equal("<p>Set <code>icc</code> to &lt;false&gt; in daemon.json.</p>\n<p>A <code>&lt;b&gt;</code> tag and an unmatched ` tick.</p>\n", html);
    }

    [Theory]
    [InlineData("KP001", "kp001")]
    [InlineData("a\"><x", "a---x")]
    public void Id_keeps_letters_digits_and_hyphens(string text, string expected) => Assert.Equal(expected, HtmlText.Id(text));
}
