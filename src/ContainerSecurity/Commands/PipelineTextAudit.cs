using System.Collections.Concurrent;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// Manifest text that arrives on the pipeline line by line (<c>kubectl get -A -o yaml | …</c>, <c>helm template … | …</c>)
/// is parsed on a worker as it arrives, so no copy of the whole text is ever held. What the audit makes of each
/// object waits in a queue that the pipeline thread empties after each line: Write* stays on the pipeline thread.
/// </summary>
internal sealed class PipelineTextAudit : IDisposable
{
    private readonly PipelineTextReader _reader;
    private readonly ConcurrentQueue<ScanEvent> _events = new();
    private readonly Task _worker;

    /// <param name="inputLabel">How errors name the input, for example "pipeline input".</param>
    /// <param name="audit">What to do with each object read; runs on the worker.</param>
    /// <param name="cancellation">Ends reading and parsing.</param>
    public PipelineTextAudit(string inputLabel, Func<ManifestReadResult, IEnumerable<ScanEvent>> audit, CancellationToken cancellation)
    {
        var reader = _reader = new PipelineTextReader(cancellation);
        var events = _events;
        _worker = Task.Run(() =>
        {
            try
            {
                foreach (var result in ManifestReader.Read(reader, inputLabel, pipelineText: true))
                {
                    foreach (var scanEvent in audit(result))
                    {
                        events.Enqueue(scanEvent);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                events.Enqueue(new ProblemEvent(new ScanProblem("ManifestReadFailed", ProblemKind.Unexpected, inputLabel, e)));
            }

            // Keep consuming, so the pipeline never waits on a reader that has stopped.
            var sink = new char[4096];
            while (reader.Read(sink, 0, sink.Length) > 0)
            {
            }
        });
    }

    /// <summary>Hands lines to the worker; returns what the audit has produced so far.</summary>
    public List<ScanEvent> Add(IEnumerable<string?> lines)
    {
        foreach (var line in lines)
        {
            if (line is not null)
            {
                _reader.Add(line);
            }
        }

        return Drain();
    }

    /// <summary>Ends the input and waits for the worker, calling <paramref name="write"/> with events as they come.</summary>
    public void Complete(Action<ScanEvent> write, CancellationToken cancellation)
    {
        _reader.Complete();
        while (!_worker.Wait(50, cancellation))
        {
            Drain().ForEach(write);
        }

        Drain().ForEach(write);
        _worker.GetAwaiter().GetResult();
    }

    public void Dispose() => _reader.Dispose();

    private List<ScanEvent> Drain()
    {
        var drained = new List<ScanEvent>();
        while (_events.TryDequeue(out var scanEvent))
        {
            drained.Add(scanEvent);
        }

        return drained;
    }
}
