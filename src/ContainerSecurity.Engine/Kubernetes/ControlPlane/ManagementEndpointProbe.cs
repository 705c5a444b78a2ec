using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.ControlPlane;

/// <summary>
/// KC022: asks each management endpoint the user names, once and without credentials, whether it answers. Bounded:
/// only the given URLs (at most <see cref="MaxEndpoints"/>), one GET each, sequentially, with a timeout, no redirects,
/// no cookies. Server certificates are not verified: the question is authentication, not the server's identity.
/// A URL without a path gets the path that proves access on its well-known port (kubelet /pods, API server
/// /api/v1/namespaces, Docker /version …), since health paths answer anonymously by design.
/// </summary>
public static class ManagementEndpointProbe
{
    /// <summary>The most endpoints one probe run accepts.</summary>
    public const int MaxEndpoints = 1024;

    private static readonly Dictionary<int, (string Path, string Component)> s_wellKnown = new()
    {
        [6443] = ("/api/v1/namespaces", "API server"),
        [10250] = ("/pods", "kubelet"),
        [10255] = ("/pods", "kubelet read-only port"),
        [2379] = ("/v2/keys", "etcd"),
        [2380] = ("/members", "etcd peer port"),
        [10257] = ("/configz", "controller manager"),
        [10259] = ("/configz", "scheduler"),
        [10249] = ("/configz", "kube-proxy"),
        [2375] = ("/containers/json", "Docker"),
        [2376] = ("/containers/json", "Docker (TLS)"),
        [8443] = ("/api/v1/namespaces", "API server or Dashboard"),
    };

    /// <summary>The URL that is requested for <paramref name="endpoint"/>: its own path, or the well-known one.</summary>
    public static Uri RequestUri(Uri endpoint) =>
        endpoint.AbsolutePath is "/" or "" && s_wellKnown.TryGetValue(endpoint.Port, out var known)
            ? new UriBuilder(endpoint) { Path = known.Path }.Uri
            : endpoint;

    /// <summary>Probes each endpoint in turn.</summary>
    public static async IAsyncEnumerable<ScanEvent> ProbeAsync(IReadOnlyList<Uri> endpoints, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        if (endpoints.Count > MaxEndpoints)
        {
            throw new ArgumentException($"At most {MaxEndpoints} endpoints can be probed in one run; {endpoints.Count} were given.", nameof(endpoints));
        }

        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            Credentials = null,
            ConnectTimeout = timeout,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        for (var i = 0; i < endpoints.Count; i++)
        {
            yield return new ProgressEvent("Probing management endpoints", Shown(endpoints[i]), i * 100 / endpoints.Count);
            yield return await ProbeOneAsync(client, endpoints[i], timeout, cancellation).ConfigureAwait(false);
        }

        yield return new ProgressEvent("Probing management endpoints", "Done", 100, Completed: true);
    }

    private static async Task<ScanEvent> ProbeOneAsync(HttpClient client, Uri endpoint, TimeSpan timeout, CancellationToken cancellation)
    {
        var request = RequestUri(endpoint);
        var shown = Shown(request);
        var component = s_wellKnown.TryGetValue(endpoint.Port, out var known) ? known.Component : "endpoint";
        var target = new FindingTarget { Host = endpoint.Authority, Kind = "Endpoint", Name = shown };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var evidence = new Evidence($"GET {shown} without credentials: HTTP {status} {response.ReasonPhrase}", "HTTP 401 or 403, or no answer from outside", "probe");
            if (response.IsSuccessStatusCode)
            {
                return Finding(FindingStatus.Fail, target,
                    $"The {component} at {endpoint.Authority} answered GET {request.AbsolutePath} with HTTP {status} without any credential: anyone who reaches it gets its data.",
                    evidence, component is "kubelet" or "kubelet read-only port" or "etcd" or "Docker" or "Docker (TLS)" ? Severity.Critical : null);
            }

            return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? Finding(FindingStatus.Pass, target, $"The {component} at {endpoint.Authority} refused an unauthenticated request (HTTP {status}).", evidence)
                : Finding(FindingStatus.Warn, target, $"The {component} at {endpoint.Authority} answered HTTP {status} without credentials, neither data nor a refusal; probe a path it serves.", evidence);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException || e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return Finding(FindingStatus.Info, target,
                $"The {component} at {endpoint.Authority} ended the TLS handshake of a client without a certificate ({e.InnerException?.Message ?? e.Message}); it likely requires client certificates.",
                new Evidence($"GET {shown}: TLS handshake failed", "HTTP 401 or 403, or a required client certificate", "probe"));
        }
        catch (HttpRequestException e)
        {
            return new ProblemEvent(new ScanProblem("EndpointUnreachable", ProblemKind.ConnectionError, shown,
                new HttpRequestException($"{shown} cannot be reached: {e.Message}", e)));
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            return new ProblemEvent(new ScanProblem("EndpointTimeout", ProblemKind.Timeout, shown,
                new TimeoutException($"{shown} did not answer within {timeout.TotalSeconds:0.#} s.", e)));
        }
    }

    // A URL as findings show it: user info and query (where tokens travel) never leave the probe.
    private static string Shown(Uri uri) => new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty }.Uri.ToString();

    private static FindingEvent Finding(FindingStatus status, FindingTarget target, string message, Evidence evidence, Severity? severity = null) =>
        new(FindingFactory.Create("KC022", status, target, message, evidence, null, severity));
}
