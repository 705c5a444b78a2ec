using System.Management.Automation.Host;

namespace ContainerSecurity.Shell.Hosting;

/// <summary>
/// A console without a screen buffer: the formatter only needs a width. Redirected output (CI logs, files) gets a
/// fixed width, or COLUMNS when set, so tables do not depend on the terminal that happened to start the job.
/// </summary>
internal sealed class ShellRawUserInterface : PSHostRawUserInterface
{
    private const int RedirectedWidth = 160;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override Size BufferSize
    {
        get => new(Width(), int.MaxValue);
        set { }
    }

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; }

    public override bool KeyAvailable => false;

    public override Size MaxPhysicalWindowSize => new(Width(), 50);

    public override Size MaxWindowSize => new(Width(), 50);

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize
    {
        get => new(Width(), 50);
        set { }
    }

    public override string WindowTitle { get; set; } = "ContainerSecurity";

    public override void FlushInputBuffer()
    {
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The shell is non-interactive.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();

    private static int Width()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 20)
        {
            return columns;
        }

        return Console.IsOutputRedirected ? RedirectedWidth : Math.Max(Console.WindowWidth, 40);
    }
}
