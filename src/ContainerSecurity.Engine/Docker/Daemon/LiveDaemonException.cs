namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>The running daemon could not be asked about its configuration; the message names the endpoint.</summary>
public sealed class LiveDaemonException : Exception
{
    public LiveDaemonException(string endpoint, string message, bool timedOut, Exception? innerException)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        TimedOut = timedOut;
    }

    public string Endpoint { get; }

    public bool TimedOut { get; }
}
