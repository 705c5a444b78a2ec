using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ContainerSecurity.Tests.Shared;

/// <summary>How a <see cref="MisbehavingServer"/> treats a client.</summary>
public enum Misbehaviour
{
    /// <summary>The TCP connect never completes: the listen queue is full and the kernel drops every new SYN.</summary>
    Blackhole,

    /// <summary>Accepts the connection, reads the request, and never answers.</summary>
    Silent,

    /// <summary>Answers 200 with a JSON body that never ends.</summary>
    EndlessBody,

    /// <summary>Answers a status line and then headers that never end.</summary>
    EndlessHeaders,

    /// <summary>Answers 200 with an HTML page, as a web server or proxy on the wrong port does.</summary>
    NotJson,

    /// <summary>Answers 200 with JSON of the wrong shape (a string where the Engine API has a list).</summary>
    WrongJsonTypes,

    /// <summary>Answers 500 with a one-megabyte message that starts with a terminal escape sequence (ESC [31m).</summary>
    LoudError,

    /// <summary>Answers 200 and then one byte of body every 100 ms, forever.</summary>
    TrickleBody,

    /// <summary>Answers 500 with a 16 MB body and no Content-Length (the client has to read to find its size).</summary>
    HugeError,
}

/// <summary>
/// A hostile HTTP endpoint for the network fault tests: on 127.0.0.1 (TCP) or a Unix socket, it misbehaves as the
/// Docker daemon or Kubernetes API server it stands in for might (see <see cref="Misbehaviour"/>). Only loopback is
/// used: a blackhole is a listening socket whose one-slot queue is full, not a firewall rule.
/// </summary>
public sealed class MisbehavingServer : IDisposable
{
    private static readonly byte[] s_filler = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"}},", 400)));
    private static readonly byte[] s_headerFiller = Encoding.ASCII.GetBytes($"X-Filler: {new string('a', 1000)}\r\n");

    private readonly Socket _listener;
    private readonly List<Socket> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Misbehaviour _behaviour;
    private long _bytesSent;

    private MisbehavingServer(Socket listener, Misbehaviour behaviour, string endpoint)
    {
        _listener = listener;
        _behaviour = behaviour;
        Endpoint = endpoint;
        if (behaviour == Misbehaviour.Blackhole)
        {
            // One connection fills a backlog-0 queue; it is never accepted, so every later SYN is dropped.
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            filler.Connect(listener.LocalEndPoint!);
            _clients.Add(filler);
        }
        else
        {
            _ = Task.Run(AcceptLoop);
        }
    }

    /// <summary>The address to give the client: <c>tcp://127.0.0.1:port</c> or <c>unix:///path</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The same address as http://127.0.0.1:port (TCP only), for a kubeconfig.</summary>
    public string HttpAddress => Endpoint.Replace("tcp://", "http://", StringComparison.Ordinal);

    /// <summary>How many bytes the server has streamed so far (to show an endless answer really was sent).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>How many connections were accepted.</summary>
    public int Connections { get; private set; }

    /// <summary>Listens on 127.0.0.1 at a free port.</summary>
    public static MisbehavingServer Tcp(Misbehaviour behaviour)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(behaviour == Misbehaviour.Blackhole ? 0 : 64);
        return new MisbehavingServer(listener, behaviour, $"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}");
    }

    /// <summary>Listens on a Unix socket at <paramref name="path"/> (not for <see cref="Misbehaviour.Blackhole"/>).</summary>
    public static MisbehavingServer Unix(Misbehaviour behaviour, string path)
    {
        if (behaviour == Misbehaviour.Blackhole)
        {
            throw new ArgumentException("A Unix socket refuses (EAGAIN) rather than hangs when its queue is full.", nameof(behaviour));
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(64);
        return new MisbehavingServer(listener, behaviour, "unix://" + path);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        if (Endpoint.StartsWith("unix://", StringComparison.Ordinal))
        {
            File.Delete(Endpoint["unix://".Length..]);
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            lock (_clients)
            {
                _clients.Add(client);
                Connections++;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(Socket client)
    {
        try
        {
            // Read (part of) the request so that the client is past sending it.
            var request = new byte[8192];
            await client.ReceiveAsync(request, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            switch (_behaviour)
            {
                case Misbehaviour.Silent:
                    await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                    break;
                case Misbehaviour.EndlessBody:
                    await Send(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["u8.ToArray()).ConfigureAwait(false);
                    while (true)
                    {
                        await Send(client, s_filler).ConfigureAwait(false);
                    }

                case Misbehaviour.NotJson:
                    await Send(client, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 26\r\nConnection: close\r\n\r\n<html>It works!</html>\n\n\n\n"u8.ToArray()).ConfigureAwait(false);
                    break;
                case Misbehaviour.WrongJsonTypes:
                    await Send(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 31\r\nConnection: close\r\n\r\n{\"SecurityOptions\": \"x\", \"a\":1}"u8.ToArray()).ConfigureAwait(false);
                    break;
                case Misbehaviour.LoudError:
                    var loud = Encoding.ASCII.GetBytes("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":500,\"message\":\"\\u001b[31mbroken " + new string('A', 1024 * 1024) + "\"}");
                    await Send(client, Encoding.ASCII.GetBytes($"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: {loud.Length}\r\nConnection: close\r\n\r\n")).ConfigureAwait(false);
                    await Send(client, loud).ConfigureAwait(false);
                    break;
                case Misbehaviour.HugeError:
                    await Send(client, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"message\":\""u8.ToArray()).ConfigureAwait(false);
                    var filler = Encoding.ASCII.GetBytes(new string('A', 1024 * 1024));
                    for (var megabyte = 0; megabyte < 16; megabyte++)
                    {
                        await Send(client, filler).ConfigureAwait(false);
                    }

                    break;
                case Misbehaviour.TrickleBody:
                    await Send(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"items\":["u8.ToArray()).ConfigureAwait(false);
                    while (true)
                    {
                        await Task.Delay(100, _stop.Token).ConfigureAwait(false);
                        await Send(client, " "u8.ToArray()).ConfigureAwait(false);
                    }

                case Misbehaviour.EndlessHeaders:
                    await Send(client, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"u8.ToArray()).ConfigureAwait(false);
                    while (true)
                    {
                        await Send(client, s_headerFiller).ConfigureAwait(false);
                    }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client gave up (as it should) or the server is stopping.
        }
    }

    private async Task Send(Socket client, byte[] bytes)
    {
        await client.SendAsync(bytes, SocketFlags.None, _stop.Token).ConfigureAwait(false);
        Interlocked.Add(ref _bytesSent, bytes.Length);
    }
}
