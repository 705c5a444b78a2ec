using System.Collections.Concurrent;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// A <see cref="TextReader"/> fed with text as it arrives (pipeline strings: one line each from a native command such
/// as <c>kubectl get -o yaml</c> or <c>helm template</c>, or whole texts), so a parser on a worker thread streams
/// what the pipeline delivers. The queue is bounded: a fast producer waits, memory does not grow.
/// </summary>
public sealed class PipelineTextReader : TextReader
{
    private readonly BlockingCollection<string> _chunks = new(boundedCapacity: 4096);
    private readonly CancellationToken _cancellation;
    private string _current = string.Empty;
    private int _position;

    /// <summary>Creates a reader whose reads end when <paramref name="cancellation"/> is cancelled.</summary>
    public PipelineTextReader(CancellationToken cancellation) => _cancellation = cancellation;

    /// <summary>Adds text; a chunk without a trailing newline is one line.</summary>
    public void Add(string text) =>
        _chunks.Add(text.EndsWith('\n') ? text : text + "\n", _cancellation);

    /// <summary>Marks the end of the text.</summary>
    public void Complete() => _chunks.CompleteAdding();

    /// <inheritdoc/>
    public override int Peek() => Fill() ? _current[_position] : -1;

    /// <inheritdoc/>
    public override int Read() => Fill() ? _current[_position++] : -1;

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _position);
        _current.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunks.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        while (_position >= _current.Length)
        {
            if (!_chunks.TryTake(out var next, Timeout.Infinite, _cancellation))
            {
                return false;
            }

            _current = next;
            _position = 0;
        }

        return true;
    }
}
