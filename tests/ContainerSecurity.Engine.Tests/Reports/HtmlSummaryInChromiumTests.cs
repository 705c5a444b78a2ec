using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using ContainerSecurity.Engine.Reports;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Reports;

/// <summary>
/// The summary at the top of the HTML sheet, laid out by a real headless Chromium in a 1400×900 window: it fits the
/// first screen, the catalog starts below it, and hostile targets and messages in it stay text.
/// </summary>
public sealed partial class HtmlSummaryInChromiumTests : IDisposable
{
    private const int Width = 1400;
    private const int Height = 900;

    // Measures the layout and records it on <html>, where --dump-dom shows it. Added only to a copy of the page whose
    // Content-Security-Policy is relaxed for it: the real page runs no script.
    private const string MeasureScript = """
        <script>
        (function () {
          var d = document.documentElement, s = document.getElementById('summary').getBoundingClientRect();
          d.setAttribute('data-viewport-width', window.innerWidth);
          d.setAttribute('data-summary-top', Math.round(s.top));
          d.setAttribute('data-summary-bottom', Math.round(s.bottom));
          d.setAttribute('data-summary-right', Math.round(s.right));
          d.setAttribute('data-scroll-width', d.scrollWidth);
          d.setAttribute('data-catalog-top', Math.round(document.getElementById('building').getBoundingClientRect().top));
          d.setAttribute('data-worst', document.querySelectorAll('#summary table.worst tr').length);
          d.setAttribute('data-heat-cells', document.querySelectorAll('#summary table.heat td').length);
          // The parts of the summary must not run into each other or out of it.
          var parts = Array.prototype.map.call(document.querySelectorAll('#summary table, #summary .ov-tiles'), function (e) { return e.getBoundingClientRect(); });
          var clashes = 0;
          parts.forEach(function (a, i) {
            if (a.right > s.right + 1 || a.bottom > s.bottom + 1) { clashes++; }
            parts.slice(i + 1).forEach(function (b) {
              if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) { clashes++; }
            });
          });
          d.setAttribute('data-parts', parts.length);
          d.setAttribute('data-clashes', clashes);
        })();
        </script>
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cs-summary-");

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>A busy estate: hostile names and messages, long targets, every outcome, more than ten open findings.</summary>
    private static Finding[] Estate()
    {
        var findings = new List<Finding>(SheetRendering.Hostile())
        {
            // First of the ten worst (Critical, lowest rule id and line), so its markup is in the summary's list.
            SheetRendering.Reword(ReportFindings.PodFail(ReportFindings.HostileWorkload, line: 1, severity: Severity.Critical), ReportFindings.HostileMessage),
        };
        for (var i = 0; i < 30; i++)
        {
            var severity = (Severity)(i % 5);
            findings.Add(ReportFindings.PodFail(name: $"payments-api-with-a-rather-long-deployment-name-{i:00}", container: "api'\"<u>", line: 10 + i,
                ruleId: i % 2 == 0 ? "KP001" : "KP002", severity: severity));
            findings.Add(ReportFindings.PodPass($"healthy-{i:00}"));
        }

        findings.Add(ReportFindings.ClusterError());
        return [.. findings];
    }

    private string WritePage(bool measured)
    {
        var html = SheetRendering.Html(SheetRendering.Sheet(Estate()));
        if (measured)
        {
            html = CspMeta().Replace(html, string.Empty).Replace("</body>", MeasureScript + "</body>", StringComparison.Ordinal);
        }

        var path = Path.Join(_directory.FullName, measured ? "measured.html" : "sheet.html");
        File.WriteAllText(path, html);
        return path;
    }

    private static int Measure(string dom, string name) =>
        int.Parse(Regex.Match(dom, $"data-{name}=\"(-?\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public void The_summary_fits_the_first_screen_at_1400_by_900_with_the_catalog_below_it()
    {
        var dom = HeadlessChromium.DumpDom(WritePage(measured: true), Width, Height);

        // --dump-dom keeps the window's height for browser UI (the page gets about 760 px of 900), but the layout
        // depends only on the width, which is the full 1400 px: the summary must end within the first 900 px.
        Assert.Equal(Width, Measure(dom, "viewport-width"));
        Assert.InRange(Measure(dom, "summary-top"), 0, 250);
        Assert.InRange(Measure(dom, "summary-bottom"), 1, Height);
        Assert.InRange(Measure(dom, "summary-right"), 1, Width);
        Assert.InRange(Measure(dom, "scroll-width"), 1, Width);
        Assert.True(Measure(dom, "catalog-top") >= Measure(dom, "summary-bottom"), "The catalog starts below the summary.");
        Assert.Equal(10, Measure(dom, "worst"));
        Assert.Equal(6 * 6, Measure(dom, "heat-cells"));
        Assert.Equal(4, Measure(dom, "parts"));
        Assert.Equal(0, Measure(dom, "clashes"));
    }

    [Fact]
    public void A_screenshot_at_1400_by_900_shows_the_summary()
    {
        var png = Path.Join(_directory.FullName, "summary.png");

        HeadlessChromium.Screenshot(WritePage(measured: false), png, Width, Height);

        var bytes = File.ReadAllBytes(png);
        Assert.Equal(Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        // Kept for people: out/test-results/cheat-sheet-summary.png is the first screen a reader sees.
        var results = Path.Join(TestPaths.RepositoryRoot, "out", "test-results");
        Directory.CreateDirectory(results);
        File.Copy(png, Path.Join(results, "cheat-sheet-summary.png"), overwrite: true);
    }

    [Fact]
    public void Hostile_targets_and_messages_in_the_summary_stay_text_even_where_scripts_could_run()
    {
        // The measured copy allows inline scripts: only the encoding keeps the hostile markup from running there.
        var dom = HeadlessChromium.DumpDom(WritePage(measured: true), Width, Height);
        var summary = dom[dom.IndexOf("<section id=\"summary\"", StringComparison.Ordinal)..dom.IndexOf("<nav class=\"toc\"", StringComparison.Ordinal)];

        Assert.Contains("<title>Docker and Kubernetes threat model cheat sheet</title>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<u>", summary, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", summary, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=\"document.title='owned'\"&gt;", summary, StringComparison.Ordinal);
        Assert.Contains("[api'\"&lt;u&gt;]", summary, StringComparison.Ordinal);
    }

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>")]
    private static partial Regex CspMeta();
}
