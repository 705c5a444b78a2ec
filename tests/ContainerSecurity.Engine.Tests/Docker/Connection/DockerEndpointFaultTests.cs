using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Http;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Connection;

/// <summary>
/// Docker endpoints that misbehave at the socket level, on 127.0.0.1 and on a Unix socket: every call ends within its
/// timeout or at once on cancellation, endless answers stop at the bounds, and a failed connect says why in the
/// user's terms.
/// </summary>
public sealed class DockerEndpointFaultTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dfault").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<Misbehaviour, bool> Unanswered => new()
    {
        { Misbehaviour.Blackhole, false },
        { Misbehaviour.Silent, false },
        { Misbehaviour.Silent, true },
        { Misbehaviour.TrickleBody, false },
        { Misbehaviour.TrickleBody, true },
    };

    [Theory]
    [MemberData(nameof(Unanswered))]
    public async Task A_call_that_gets_no_answer_ends_at_the_timeout(Misbehaviour behaviour, bool unixSocket)
    {
        using var server = Start(behaviour, unixSocket);
        using var api = DockerConnection.Open(new() { Host = server.Endpoint, Timeout = TimeSpan.FromSeconds(1) });

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DockerConnectionException>(() => api.PingAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(error.TimedOut, error.Message);
        Assert.Contains(server.Endpoint, error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"took {watch.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Unanswered))]
    public async Task Cancellation_ends_a_call_within_a_second(Misbehaviour behaviour, bool unixSocket)
    {
        using var server = Start(behaviour, unixSocket);
        using var api = DockerConnection.Open(new() { Host = server.Endpoint, Timeout = TimeSpan.FromMinutes(5) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.ListContainersAsync(all: true, null, cancellation.Token).WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(1300), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(Misbehaviour.EndlessBody, false, "a body larger than 2 MB")]
    [InlineData(Misbehaviour.EndlessBody, true, "a body larger than 2 MB")]
    [InlineData(Misbehaviour.EndlessHeaders, false, "headers longer than 16 KB")]
    [InlineData(Misbehaviour.EndlessHeaders, true, "headers longer than 16 KB")]
    public async Task An_endless_answer_stops_at_the_bound(Misbehaviour behaviour, bool unixSocket, string bound)
    {
        using var server = Start(behaviour, unixSocket);
        using var api = DockerConnection.Open(new() { Host = server.Endpoint, Timeout = TimeSpan.FromSeconds(30), ResponseLimits = new ResponseLimits(16 * 1024, 2 * 1024 * 1024) });

        var error = await Assert.ThrowsAsync<DockerConnectionException>(() => api.GetInfoAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(error.ResponseTooLarge, error.Message);
        Assert.False(error.TimedOut);
        Assert.Contains(server.Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains(bound, error.Message, StringComparison.Ordinal);
        Assert.True(server.BytesSent < 64L * 1024 * 1024, $"{server.BytesSent} bytes were sent");
    }

    [Fact]
    public async Task A_missing_socket_is_named_as_missing()
    {
        var path = Path.Join(_directory, "missing.sock");
        var error = await PingError("unix://" + path);
        Assert.Contains($"no socket exists at {path}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot assign requested address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_is_not_a_socket_is_named_as_such()
    {
        var file = Path.Join(_directory, "plain.sock");
        File.WriteAllText(file, "not a socket");
        Assert.Contains($"{file} exists but is not a socket", (await PingError("unix://" + file)).Message, StringComparison.Ordinal);
        Assert.Contains($"{_directory} is a directory, not a socket", (await PingError("unix://" + _directory)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_named_as_stale()
    {
        var path = Path.Join(_directory, "stale.sock");
        // Bound but not listening refuses connections as a socket file left behind by a killed daemon does (.NET
        // deletes the file when a bound socket is disposed, so the socket stays open for the test).
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(path));

        var error = await PingError("unix://" + path);
        Assert.Contains($"{path} is a socket, but no daemon is listening on it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_socket_this_user_may_not_open_is_named_as_permission_denied()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Root opens any socket, so EACCES cannot be provoked in this process: the real socket is examined, with the
        // error connect(2) gives a user outside the socket's owner and group.
        using var server = Start(Misbehaviour.Silent, unixSocket: true);
        var path = server.Endpoint["unix://".Length..];
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var endpoint = new DockerEndpoint(new Uri(server.Endpoint), "-DockerHost", false, false, null, null, null);
        var message = DockerConnectFailure.Describe(endpoint, new SocketException((int)SocketError.AccessDenied));
        Assert.StartsWith($"permission denied on the socket {path} (mode 0600, owner ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tcp_port_nobody_listens_on_is_named_as_refused()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var error = await PingError($"tcp://127.0.0.1:{port}");
        Assert.Contains($"nothing is listening on 127.0.0.1:{port} (connection refused)", error.Message, StringComparison.Ordinal);
    }

    private static async Task<DockerConnectionException> PingError(string host)
    {
        using var api = DockerConnection.Open(new() { Host = host, Timeout = TimeSpan.FromSeconds(5) });
        var error = await Assert.ThrowsAsync<DockerConnectionException>(() => api.PingAsync(CancellationToken.None));
        Assert.False(error.TimedOut);
        Assert.StartsWith($"Cannot reach the Docker daemon at {host} (-DockerHost): ", error.Message, StringComparison.Ordinal);
        return error;
    }

    private MisbehavingServer Start(Misbehaviour behaviour, bool unixSocket) =>
        unixSocket ? MisbehavingServer.Unix(behaviour, Path.Join(_directory, $"{behaviour}.sock")) : MisbehavingServer.Tcp(behaviour);
}
