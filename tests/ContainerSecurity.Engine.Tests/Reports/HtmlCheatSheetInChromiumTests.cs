using System.Buffers.Binary;
using System.IO.Compression;
using ContainerSecurity.Engine.Reports;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Reports;

/// <summary>The HTML sheet opened in a real headless Chromium: it renders, and markup from findings never runs.</summary>
public sealed class HtmlCheatSheetInChromiumTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cs-sheet-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string WritePage()
    {
        var path = Path.Join(_directory.FullName, "sheet.html");
        File.WriteAllText(path, SheetRendering.Html(SheetRendering.Sheet(SheetRendering.Hostile())));
        return path;
    }

    [Fact]
    public void The_page_renders_to_a_screenshot_of_the_window_size_that_is_not_blank()
    {
        var png = Path.Join(_directory.FullName, "sheet.png");

        HeadlessChromium.Screenshot(WritePage(), png, 1280, 2000);

        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(2000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        var colours = DistinctColours(bytes);
        Assert.True(colours > 20, $"The screenshot has only {colours} colours: the page rendered blank.");
    }

    [Fact]
    public void Markup_from_findings_is_shown_as_text_and_never_runs()
    {
        var dom = HeadlessChromium.DumpDom(WritePage());

        // Had the script or the onerror handler run, the title would have changed.
        Assert.Contains("<title>Docker and Kubernetes threat model cheat sheet</title>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("pwned</title>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("owned</title>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=\"document.title='owned'\"&gt;", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_self_contained_with_a_print_stylesheet_and_an_inline_SVG_matrix()
    {
        var html = File.ReadAllText(WritePage());

        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"matrix\"", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"cell high\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//[^\"]+\\.(css|js|png|svg|woff2?)\"", html);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    /// <summary>Counts the colours of the decoded image (8-bit RGB or RGBA PNG, as Chromium writes them).</summary>
    private static int DistinctColours(byte[] png)
    {
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var colourType = png[25];
        var channels = colourType == 6 ? 4 : 3;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset, 4));
            if (png.AsSpan(offset + 4, 4).SequenceEqual("IDAT"u8))
            {
                idat.Write(png, offset + 8, length);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
        var stride = (width * channels) + 1;
        var previous = new byte[stride];
        var row = new byte[stride];
        var colours = new HashSet<int>();
        while (inflate.ReadAtLeast(row, stride, throwOnEndOfStream: false) == stride)
        {
            Unfilter(row, previous, channels);
            for (var x = 1; x + 2 < stride; x += channels * 7)
            {
                colours.Add((row[x] << 16) | (row[x + 1] << 8) | row[x + 2]);
            }

            (previous, row) = (row, previous);
        }

        return colours.Count;
    }

    private static void Unfilter(byte[] row, byte[] previous, int bpp)
    {
        var filter = row[0];
        for (var i = 1; i < row.Length; i++)
        {
            var left = i > bpp ? row[i - bpp] : 0;
            var up = previous[i];
            var upLeft = i > bpp ? previous[i - bpp] : 0;
            row[i] = (byte)(row[i] + filter switch
            {
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => 0,
            });
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
