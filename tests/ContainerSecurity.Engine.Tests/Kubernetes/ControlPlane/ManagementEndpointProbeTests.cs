using System.Net;
using System.Net.Sockets;
using ContainerSecurity.Engine.Kubernetes.ControlPlane;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Kubernetes.ControlPlane;

/// <summary>KC022 against a local HTTP listener on 127.0.0.1 that plays open, protected and slow endpoints.</summary>
public sealed class ManagementEndpointProbeTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _port = FreePort();

    public ManagementEndpointProbeTests()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under the loop.
        }

        _stop.Dispose();
    }

    [Fact]
    public void Open_protected_and_undecided_endpoints_are_told_apart()
    {
        var events = Probe([Url("/pods"), Url("/protected"), Url("/missing")], TimeSpan.FromSeconds(5));

        var findings = events.OfType<FindingEvent>().Select(e => e.Finding).ToList();
        Assert.Equal([FindingStatus.Fail, FindingStatus.Pass, FindingStatus.Warn], findings.Select(f => f.Status));
        Assert.All(findings, f => Assert.Equal("KC022", f.RuleId));
        Assert.Contains("HTTP 200 without any credential", findings[0].Message, StringComparison.Ordinal);
        Assert.Equal($"127.0.0.1:{_port}", findings[0].Target.Host);
        Assert.Contains("HTTP 401", findings[1].Evidence!.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public void No_credential_is_sent_and_redirects_are_not_followed()
    {
        var events = Probe([Url("/redirect")], TimeSpan.FromSeconds(5));

        Assert.Equal(FindingStatus.Warn, Assert.Single(events.OfType<FindingEvent>()).Finding.Status);
        Assert.DoesNotContain(_seen, r => r.Path == "/pods");
        Assert.All(_seen, r => Assert.False(r.HadAuthorization));
    }

    [Fact]
    public void Unreachable_and_slow_endpoints_are_problems_and_the_rest_is_probed()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/pods");

        var events = Probe([closed, Url("/slow"), Url("/pods")], TimeSpan.FromMilliseconds(500));

        var problems = events.OfType<ProblemEvent>().Select(e => e.Problem).ToList();
        Assert.Equal(["EndpointUnreachable", "EndpointTimeout"], problems.Select(p => p.ErrorId));
        Assert.Equal(FindingStatus.Fail, Assert.Single(events.OfType<FindingEvent>()).Finding.Status);
    }

    [Theory]
    [InlineData("https://10.0.0.5:10250", "https://10.0.0.5:10250/pods")]
    [InlineData("https://10.0.0.5:6443/", "https://10.0.0.5:6443/api/v1/namespaces")]
    [InlineData("http://node:2375", "http://node:2375/containers/json")]
    [InlineData("http://node:10255/metrics", "http://node:10255/metrics")]
    [InlineData("http://node:9999", "http://node:9999/")]
    public void A_url_without_a_path_gets_the_path_that_proves_access_on_its_port(string given, string requested) =>
        Assert.Equal(requested, ManagementEndpointProbe.RequestUri(new Uri(given)).ToString());

    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Path, bool HadAuthorization)> _seen = new();

    private Uri Url(string path) => new($"http://127.0.0.1:{_port}{path}");

    private static List<ScanEvent> Probe(IReadOnlyList<Uri> endpoints, TimeSpan timeout)
    {
        var events = new List<ScanEvent>();
        var enumerator = ManagementEndpointProbe.ProbeAsync(endpoints, timeout).GetAsyncEnumerator();
        while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            events.Add(enumerator.Current);
        }

        return events;
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                var path = context.Request.Url!.AbsolutePath;
                _seen.Enqueue((path, context.Request.Headers["Authorization"] is not null));
                switch (path)
                {
                    case "/pods":
                        context.Response.StatusCode = 200;
                        break;
                    case "/protected":
                        context.Response.StatusCode = 401;
                        break;
                    case "/redirect":
                        context.Response.StatusCode = 302;
                        context.Response.RedirectLocation = "/pods";
                        break;
                    case "/slow":
                        try
                        {
                            await Task.Delay(TimeSpan.FromSeconds(3), _stop.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                        }

                        break;
                    default:
                        context.Response.StatusCode = 404;
                        break;
                }

                try
                {
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    // The client gave up (timeout test).
                }
            });
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
