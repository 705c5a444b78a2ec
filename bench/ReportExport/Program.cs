using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContainerSecurity;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Reports;
using ReportExport;

// Every writer is timed on the same findings, as the median of several runs, and reported as a ratio to the
// baseline measured in the same run: System.Text.Json serializing the findings (the least any export must do).
var workloads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
const int Runs = 5;

var findings = SampleFindings.Generate(workloads);
Console.WriteLine($"{findings.Count:N0} findings ({workloads} workloads × {findings.Count / workloads} automated rules), {Environment.ProcessorCount} cores");

var cases = new (string Name, Action<Stream> Write)[]
{
    ("baseline: JsonSerializer", s => JsonSerializer.Serialize(s, findings)),
    ("cheat sheet model", _ => CheatSheetBuilder.Build(RuleCatalog.Default, findings, new CheatSheetOptions())),
    ("cheat sheet Markdown", s => Text(s, w => MarkdownCheatSheetWriter.Write(Sheet(), w))),
    ("cheat sheet HTML", s => Text(s, w => HtmlCheatSheetWriter.Write(Sheet(), w))),
    ("cheat sheet JSON", s => JsonCheatSheetWriter.Write(Sheet(), s)),
    ("SARIF 2.1.0", s => SarifReportWriter.Write(findings, RuleCatalog.Default, s, "/src", "0.1.0")),
    ("JUnit XML", s => JUnitReportWriter.Write(findings, s, "bench", DateTimeOffset.UnixEpoch)),
    ("CSV", s => Text(s, w => CsvReportWriter.Write(findings, w))),
};

double? baseline = null;
Console.WriteLine($"{"writer",-26} {"median ms",10} {"ratio",7} {"output MB",10} {"allocated MB",13}");
foreach (var (name, write) in cases)
{
    var times = new List<double>();
    long bytes = 0, allocated = 0;
    for (var run = 0; run <= Runs; run++)
    {
        using var output = new CountingStream();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        write(output);
        watch.Stop();
        if (run == 0)
        {
            continue; // warm-up: JIT and the catalog
        }

        times.Add(watch.Elapsed.TotalMilliseconds);
        bytes = output.Length;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    }

    var median = times.Order().ElementAt(times.Count / 2);
    baseline ??= median;
    Console.WriteLine($"{name,-26} {median,10:F1} {median / baseline.Value,7:F2} {bytes / 1e6,10:F2} {allocated / 1e6,13:F1}");
}

using var process = Process.GetCurrentProcess();
Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1e6:F0} MB (findings in memory: {findings.Count:N0})");

CheatSheet Sheet() => CheatSheetBuilder.Build(RuleCatalog.Default, findings, new CheatSheetOptions());

static void Text(Stream stream, Action<TextWriter> write)
{
    using var writer = new StreamWriter(stream, new UTF8Encoding(false), 65536, leaveOpen: true);
    write(writer);
}

/// <summary>Counts what a writer produces without keeping it, so the disk is not part of the measurement.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => _length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
}
