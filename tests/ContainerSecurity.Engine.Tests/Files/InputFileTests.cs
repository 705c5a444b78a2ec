using System.Text;
using ContainerSecurity.Engine.Files;

namespace ContainerSecurity.Engine.Tests.Files;

public sealed class InputFileTests
{
    [Fact]
    public void A_file_over_its_kinds_bound_is_refused_while_reading()
    {
        using var tree = new TempTree();
        var kind = new InputKind("test file", 1024, null);
        var exact = tree.Write("exact", new byte[1024]);
        var over = tree.Write("over", new byte[1025]);

        Assert.Equal(1024, InputFile.ReadAllBytes(exact, kind, default).Length);
        var error = Assert.Throws<InputTooLargeException>(() => InputFile.ReadAllBytes(over, kind, default));
        Assert.Equal($"{over}: holds more than 1024 bytes, the most a test file may hold; it was not audited.", error.Message);
    }

    [Fact]
    public void A_proc_file_that_reports_size_zero_is_read_whole()
    {
        var text = InputFile.ReadAllText("/proc/self/status", InputKind.ReferencedFile, default);

        Assert.Contains("Pid:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_zero_is_refused_before_it_is_opened()
    {
        Assert.Throws<NotRegularFileException>(() => InputFile.ReadAllBytes("/dev/zero", InputKind.DaemonConfig, default));
    }

    [Fact]
    public void A_cancelled_read_stops()
    {
        using var tree = new TempTree();
        var path = tree.Write("big", Encoding.ASCII.GetBytes(new string('a', 1 << 20)));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => InputFile.ReadAllBytes(path, InputKind.Dockerfile, cancelled.Token));
    }
}
