using System.Management.Automation;
using System.Text;
using Microsoft.PowerShell.Commands.Internal.Format;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Out-String for hosts whose engine lacks Microsoft.PowerShell.Utility: renders objects with the engine's own
/// formatter, as Out-Default would, but into strings — one string in all, or one per line with -Stream.
/// </summary>
[Cmdlet(VerbsData.Out, "String", DefaultParameterSetName = WholeSet)]
[OutputType(typeof(string))]
public sealed class OutStringCommand : FrontEndCommandBase
{
    private const string WholeSet = "NoNewLineFormatting";
    private const string StreamSet = "StreamFormatting";

    private readonly StringBuilder _buffer = new();
    private LineWriter? _writer;

    /// <summary>Gives the output manager its inner command, as PowerShell's own Out-String does.</summary>
    public OutStringCommand() => FormattingEngine.UseOutputManager(this);

    /// <summary>Writes each line as its own string as soon as it is formatted.</summary>
    [Parameter(ParameterSetName = StreamSet)]
    public SwitchParameter Stream { get; set; }

    /// <summary>The number of characters in each line; without it, lines are not cut.</summary>
    [Parameter]
    [ValidateRange(2, int.MaxValue)]
    public int Width { get; set; }

    /// <summary>Joins the lines with no line breaks between or after them.</summary>
    [Parameter(ParameterSetName = WholeSet)]
    public SwitchParameter NoNewline { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        _writer = new LineWriter(OnLine);
        int width = MyInvocation.BoundParameters.ContainsKey(nameof(Width)) ? Width : int.MaxValue;
        FormattingEngine.SetTextWriter(this, _writer, width);
        base.BeginProcessing();
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        base.EndProcessing();
        _writer?.Flush();
        if (!Stream)
        {
            WriteObject(_buffer.ToString());
        }
    }

    private void OnLine(string line)
    {
        if (Stream)
        {
            WriteObject(line);
        }
        else if (NoNewline)
        {
            _buffer.Append(line);
        }
        else
        {
            _buffer.AppendLine(line);
        }
    }

    /// <summary>A text writer that hands each completed line to a callback.</summary>
    private sealed class LineWriter(Action<string> onLine) : TextWriter
    {
        private readonly StringBuilder _partial = new();

        public override Encoding Encoding => Encoding.Unicode;

        public override void Write(char value) => _partial.Append(value);

        public override void Write(string? value) => _partial.Append(value);

        public override void WriteLine(string? value)
        {
            onLine(_partial.Append(value).ToString());
            _partial.Clear();
        }

        public override void Flush()
        {
            if (_partial.Length > 0)
            {
                onLine(_partial.ToString());
                _partial.Clear();
            }
        }
    }
}
