using System.Net;

namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>The daemon refused a request (other than 404): its status code and its own message.</summary>
public sealed class DockerApiRequestException : Exception
{
    public DockerApiRequestException(string message, HttpStatusCode statusCode, Exception? innerException)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>The HTTP status the daemon answered with.</summary>
    public HttpStatusCode StatusCode { get; }
}
