using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>
/// Tells a daemon that stopped answering from one container that could not be read. Requests that fail for want of
/// the daemon (a timeout, a refused or lost connection) are held back; an answer from the daemon releases them as
/// errors of their own containers, but <see cref="Limit"/> such failures in a row mean the daemon is gone (frozen,
/// stopped, unreachable), and the scan stops with one error instead of one timeout per remaining container.
/// </summary>
internal sealed class DaemonFailureStreak
{
    private readonly object _gate = new();
    private readonly List<ScanEvent> _held = [];
    private int _consecutive;

    /// <param name="throttleLimit">How many requests run at once.</param>
    public DaemonFailureStreak(int throttleLimit)
    {
        // Three failures in a row, but never more than one more than run at once: the requests in flight when the
        // daemon froze all time out after one timeout, and the next ones after a second, so a scan stops at most
        // about two timeouts after the freeze, also when requests run one at a time.
        Limit = Math.Min(3, Math.Max(1, throttleLimit) + 1);
    }

    /// <summary>How many daemon failures in a row stop the scan.</summary>
    public int Limit { get; }

    /// <summary>Whether the daemon was judged gone.</summary>
    public bool Tripped { get; private set; }

    /// <summary>The failure that tripped the streak.</summary>
    public DockerConnectionException? LastFailure { get; private set; }

    /// <summary>The daemon answered: the held failures were the containers' own, and are returned to be reported.</summary>
    public IReadOnlyList<ScanEvent> Answered()
    {
        lock (_gate)
        {
            _consecutive = 0;
            return Release();
        }
    }

    /// <summary>A request failed for want of the daemon; returns true when this failure stops the scan.</summary>
    public bool Failed(DockerConnectionException failure, ScanEvent problem)
    {
        lock (_gate)
        {
            if (Tripped)
            {
                return false;
            }

            _held.Add(problem);
            LastFailure = failure;
            if (++_consecutive < Limit)
            {
                return false;
            }

            // The held failures are folded into the one error: their containers count as not audited.
            Tripped = true;
            _held.Clear();
            return true;
        }
    }

    /// <summary>The scan ended without the streak tripping: whatever is still held is reported.</summary>
    public IReadOnlyList<ScanEvent> Remaining()
    {
        lock (_gate)
        {
            return Release();
        }
    }

    private ScanEvent[] Release()
    {
        var held = _held.ToArray();
        _held.Clear();
        return held;
    }
}
