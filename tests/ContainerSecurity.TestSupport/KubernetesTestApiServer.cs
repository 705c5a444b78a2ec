using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Web;

namespace ContainerSecurity.Tests.Shared;

/// <summary>
/// A test API server, not a cluster: an HTTP listener on 127.0.0.1 that answers the Kubernetes list endpoints
/// (<c>/api/v1[/namespaces/{ns}]/{plural}</c> and <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}</c>) from
/// objects the test adds as JSON (serialized by KubernetesClient where the test can reference it). It pages with
/// limit/continue, applies equality label selectors, and can be told to refuse a namespace (403), reject the token
/// (401), expire a continue token (410, with or without a token to resume), or answer slowly. Generic over kinds, so
/// any audit of live objects can reuse it.
/// </summary>
public sealed class KubernetesTestApiServer : IDisposable
{
    /// <summary>The bearer token the kubeconfig written by <see cref="WriteKubeConfig"/> carries.</summary>
    public const string Token = "test-api-server-token";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ResourceStore> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _forbidden = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _expireContinueTokens;

    public KubernetesTestApiServer()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>Where the server listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request's path and query, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When set, every request with another bearer token gets 401.</summary>
    public bool RequireToken { get; set; } = true;

    /// <summary>A delay before every answer (for timeouts and cancellation).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Whether a 410 for an expired continue token offers a token to resume with (as kube-apiserver does).</summary>
    public bool OfferResumeToken { get; set; } = true;

    /// <summary>Adds an object under <paramref name="apiVersion"/>/<paramref name="plural"/>.</summary>
    /// <param name="apiVersion">v1, apps/v1 …</param>
    /// <param name="kind">The object kind; lists are named kind + "List".</param>
    /// <param name="plural">The resource, for example pods.</param>
    /// <param name="json">The object as JSON.</param>
    public void Add(string apiVersion, string kind, string plural, string json)
    {
        using var document = JsonDocument.Parse(json);
        var metadata = document.RootElement.TryGetProperty("metadata", out var m) ? m : default;
        var ns = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("namespace", out var n) ? n.GetString() : null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in l.EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString() ?? string.Empty;
            }
        }

        var store = _resources.GetOrAdd($"{apiVersion}/{plural}", _ => new ResourceStore(apiVersion, kind));
        lock (store)
        {
            store.Items.Add((ns, labels, json));
        }
    }

    /// <summary>Lists in <paramref name="ns"/> (or cluster-wide lists, for <see langword="null"/>) answer 403.</summary>
    public void Forbid(string? ns) => _forbidden[ns ?? "*"] = true;

    /// <summary>The next <paramref name="count"/> requests that carry a continue token get 410 Gone.</summary>
    public void ExpireContinueTokens(int count = 1) => Interlocked.Exchange(ref _expireContinueTokens, count);

    /// <summary>Writes a kubeconfig that points at this server with the test token; returns its path.</summary>
    public string WriteKubeConfig(string directory, string? defaultNamespace = null, string context = "test-api-server")
    {
        var path = Path.Join(directory, "kubeconfig");
        var nsLine = defaultNamespace is null ? string.Empty : $"\n    namespace: {defaultNamespace}";
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test-api-server
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
            users:
            - name: tester
              user:
                token: {Token}
            contexts:
            - name: {context}
              context:
                cluster: test-api-server
                user: tester{nsLine}
            current-context: {context}
            """);
        return path;
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
            // The listener was closed under the accept loop; that is how it ends.
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        try
        {
            var (status, body) = await Route(context.Request).ConfigureAwait(false);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client went away (cancelled or timed out) or the server is stopping.
        }
    }

    private async Task<(int Status, string Body)> Route(HttpListenerRequest request)
    {
        Requests.Enqueue(request.Url!.PathAndQuery);
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, _stop.Token).ConfigureAwait(false);
        }

        if (RequireToken && request.Headers["Authorization"] != "Bearer " + Token)
        {
            return (401, Status(401, "Unauthorized", "Unauthorized"));
        }

        var segments = request.Url.AbsolutePath.Trim('/').Split('/');
        string apiVersion;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            apiVersion = segments[1];
            rest = 2;
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            apiVersion = segments[1] + "/" + segments[2];
            rest = 3;
        }
        else
        {
            return (404, Status(404, "NotFound", "the server could not find the requested resource"));
        }

        string? ns = null;
        if (segments.Length - rest == 3 && segments[rest] == "namespaces")
        {
            ns = segments[rest + 1];
            rest += 2;
        }

        if (segments.Length - rest != 1)
        {
            return (404, Status(404, "NotFound", "the server could not find the requested resource"));
        }

        var plural = segments[rest];
        if (_forbidden.ContainsKey(ns ?? "*"))
        {
            return (403, Status(403, "Forbidden",
                $"{plural} is forbidden: User \"system:serviceaccount:audit:tester\" cannot list resource \"{plural}\" in API group \"\" {(ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"")}"));
        }

        var query = HttpUtility.ParseQueryString(request.Url.Query);
        var continueToken = query["continue"];
        if (!string.IsNullOrEmpty(continueToken) && Interlocked.Decrement(ref _expireContinueTokens) >= 0)
        {
            var resume = OfferResumeToken ? continueToken : null;
            return (410, Status(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.", resume));
        }

        if (!_resources.TryGetValue($"{apiVersion}/{plural}", out var store))
        {
            return (200, $$"""{"apiVersion":"{{apiVersion}}","kind":"List","metadata":{"resourceVersion":"1"},"items":[]}""");
        }

        var selector = ParseSelector(query["labelSelector"]);
        var limit = int.TryParse(query["limit"], out var l) && l > 0 ? l : int.MaxValue;
        var offset = string.IsNullOrEmpty(continueToken) ? 0 : int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(continueToken)), System.Globalization.CultureInfo.InvariantCulture);
        var body = new StringBuilder();
        body.Append("{\"apiVersion\":\"").Append(apiVersion).Append("\",\"kind\":\"").Append(store.Kind).Append("List\",\"metadata\":{\"resourceVersion\":\"1\"");
        var page = new List<string>();
        int next;
        lock (store)
        {
            next = offset;
            while (next < store.Items.Count && page.Count < limit)
            {
                var (itemNamespace, labels, json) = store.Items[next++];
                if ((ns is null || ns == itemNamespace) && selector.All(s => s.Equal == (labels.TryGetValue(s.Key, out var v) && v == s.Value)))
                {
                    page.Add(json);
                }
            }

            if (next < store.Items.Count)
            {
                var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                body.Append(",\"continue\":\"").Append(token).Append('"');
            }
        }

        body.Append("},\"items\":[").AppendJoin(',', page).Append("]}");
        return (200, body.ToString());
    }

    private static List<(string Key, string Value, bool Equal)> ParseSelector(string? selector)
    {
        var result = new List<(string, string, bool)>();
        foreach (var term in (selector ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
            if (notEqual > 0)
            {
                result.Add((term[..notEqual], term[(notEqual + 2)..], false));
                continue;
            }

            var parts = term.Split('=', 2);
            result.Add((parts[0], parts.Length > 1 ? parts[1].TrimStart('=') : string.Empty, true));
        }

        return result;
    }

    private static string Status(int code, string reason, string message, string? continueToken = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = continueToken is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["continue"] = continueToken },
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        });

    private sealed class ResourceStore(string apiVersion, string kind)
    {
        public string ApiVersion { get; } = apiVersion;

        public string Kind { get; } = kind;

        public List<(string? Namespace, Dictionary<string, string> Labels, string Json)> Items { get; } = [];
    }
}
