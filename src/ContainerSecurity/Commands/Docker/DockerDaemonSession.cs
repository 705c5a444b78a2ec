using System.Management.Automation;
using ContainerSecurity.Engine.Docker.Connection;

namespace ContainerSecurity.Commands.Docker;

/// <summary>
/// Opens the daemon connection for a live Docker audit and proves it answers. Nothing can be audited from a daemon
/// that does not, so the caller ends the command with the returned error, which names the endpoint and where its
/// address came from (-DockerHost, DOCKER_HOST or the default socket).
/// </summary>
internal static class DockerDaemonSession
{
    public static IDockerApi? TryOpen(DockerEndpointOptions options, CancellationToken cancellationToken, out ErrorRecord? error)
    {
        IDockerApi api;
        try
        {
            api = DockerConnection.Open(options);
        }
        catch (ArgumentException exception)
        {
            error = new ErrorRecord(exception, "InvalidDockerEndpoint", ErrorCategory.InvalidArgument, options.Host);
            return null;
        }
        catch (DockerConnectionException exception)
        {
            error = new ErrorRecord(exception, "DockerTlsMaterialInvalid", ErrorCategory.SecurityError, options.Host);
            return null;
        }

        try
        {
            api.PingAsync(cancellationToken).GetAwaiter().GetResult();
            error = null;
            return api;
        }
        catch (Exception exception) when (exception is DockerConnectionException or DockerApiRequestException)
        {
            api.Dispose();
            var (errorId, category) = exception switch
            {
                DockerConnectionException { TimedOut: true } => ("DockerUnreachable", ErrorCategory.OperationTimeout),
                DockerConnectionException { ResponseTooLarge: true } => ("DockerResponseTooLarge", ErrorCategory.LimitsExceeded),
                _ => ("DockerUnreachable", ErrorCategory.ConnectionError),
            };
            error = new ErrorRecord(exception, errorId, category, api.Endpoint.ToString());
            return null;
        }
    }
}
