namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>The daemon could not be reached, closed the connection, did not answer in time, or answered beyond the response bounds.</summary>
public sealed class DockerConnectionException : Exception
{
    public DockerConnectionException(string message, bool timedOut, Exception? innerException)
        : base(message, innerException) => TimedOut = timedOut;

    public DockerConnectionException(string message, bool timedOut, bool responseTooLarge, Exception? innerException)
        : this(message, timedOut, innerException) => ResponseTooLarge = responseTooLarge;

    /// <summary>Whether the call failed because the daemon did not answer within the timeout.</summary>
    public bool TimedOut { get; }

    /// <summary>Whether the daemon's answer was larger than the module reads (<see cref="Http.ResponseLimits.Docker"/>).</summary>
    public bool ResponseTooLarge { get; }
}
