namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>Asks a running daemon for what the daemon audit needs.</summary>
public interface ILiveDaemonQuery : IDisposable
{
    /// <summary>The daemon's address as the user gave or resolved it.</summary>
    string Endpoint { get; }

    /// <summary>Whether the endpoint is a socket on this machine, so that the daemon's command line can be read from /proc.</summary>
    bool IsLocal { get; }

    /// <summary>
    /// Queries the daemon. Throws <see cref="LiveDaemonException"/> (naming the endpoint) when it cannot be reached,
    /// does not answer in time, or refuses.
    /// </summary>
    Task<LiveDaemonReport> QueryAsync(CancellationToken cancellationToken);
}
