using System.Net.Sockets;
using ContainerSecurity.Engine.Docker.HostFiles;

namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>
/// Says why a connection to a daemon failed, in the user's terms. The socket error alone misleads: connecting to a
/// Unix socket path that does not exist reports "Cannot assign requested address". For a unix:// endpoint the path
/// itself is examined (missing, not a socket, not permitted), for tcp:// the usual refusals are named.
/// </summary>
internal static class DockerConnectFailure
{
    public static string Describe(DockerEndpoint endpoint, SocketException exception) =>
        endpoint.Uri.Scheme == "unix" ? DescribeUnix(endpoint.Uri.LocalPath, exception) : DescribeTcp(endpoint.Uri, exception);

    private static string DescribeUnix(string path, SocketException exception)
    {
        if (OperatingSystem.IsLinux())
        {
            UnixFileStatus status;
            try
            {
                status = UnixFileStatus.Read(path);
            }
            catch (FileNotFoundException)
            {
                return $"no socket exists at {path} (is the daemon running, and listening there?)";
            }
            catch (UnauthorizedAccessException)
            {
                return $"permission denied: {path} cannot be examined (a folder above it is not searchable for this user)";
            }
            catch (IOException)
            {
                return exception.Message;
            }

            if (!status.IsSocket)
            {
                return status.IsDirectory ? $"{path} is a directory, not a socket" : $"{path} exists but is not a socket";
            }

            return exception.SocketErrorCode switch
            {
                SocketError.AccessDenied => $"permission denied on the socket {path} (mode {status.OctalMode}, owner {status.Uid}:{status.Gid}); run as root or as a member of the socket's group",
                SocketError.ConnectionRefused => $"{path} is a socket, but no daemon is listening on it (a stopped daemon may have left it behind)",
                SocketError.WouldBlock or SocketError.TryAgain => $"the daemon at {path} is not accepting connections (its connection queue is full)",
                _ => exception.Message,
            };
        }

        return exception.SocketErrorCode == SocketError.AddressNotAvailable ? $"no socket exists at {path}" : exception.Message;
    }

    private static string DescribeTcp(Uri uri, SocketException exception) => exception.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => $"nothing is listening on {uri.Host}:{uri.Port} (connection refused)",
        SocketError.HostNotFound or SocketError.NoData => $"the host name '{uri.Host}' cannot be resolved",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{uri.Host} cannot be reached from this machine (no route)",
        SocketError.ConnectionReset => $"{uri.Host}:{uri.Port} closed the connection",
        _ => exception.Message,
    };
}
