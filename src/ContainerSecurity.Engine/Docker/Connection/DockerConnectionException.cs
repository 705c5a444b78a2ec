namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>The daemon could not be reached, closed the connection, or did not answer in time.</summary>
public sealed class DockerConnectionException : Exception
{
    public DockerConnectionException(string message, bool timedOut, Exception? innerException)
        : base(message, innerException) => TimedOut = timedOut;

    /// <summary>Whether the call failed because the daemon did not answer within the timeout.</summary>
    public bool TimedOut { get; }
}
