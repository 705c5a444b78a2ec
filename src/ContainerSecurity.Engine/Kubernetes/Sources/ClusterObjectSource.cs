using System.Net;
using System.Runtime.CompilerServices;
using ContainerSecurity.Engine.Http;
using ContainerSecurity.Engine.Scanning;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>Which namespaces a live scan lists.</summary>
/// <param name="Namespaces">The namespaces, or <see langword="null"/> for all namespaces.</param>
/// <param name="LabelSelector">A label selector every list applies, or <see langword="null"/>.</param>
/// <param name="PageSize">Objects per list request (limit/continue paging).</param>
public sealed record ClusterScope(IReadOnlyList<string>? Namespaces, string? LabelSelector = null, int PageSize = 500);

/// <summary>
/// Lists objects of any <see cref="ClusterResource"/> kinds from a live cluster, page by page, and yields them as
/// <see cref="ManifestObject"/>s: one page is in memory at a time. A refused namespace (403) or an unserved kind is
/// reported and skipped; an expired continue token (410) resumes with the token the server offers, or is reported;
/// rejected credentials (401), an unreachable server, a request that times out and an answer beyond the response bounds
/// end the scan with one error that names the lists not read, since every further call would fail alike (a silent
/// server would otherwise cost one timeout per list).
/// </summary>
public static class ClusterObjectSource
{
    /// <summary>Lists every resource in the scope.</summary>
    public static async IAsyncEnumerable<ManifestReadResult> ReadAsync(
        ClusterConnection connection,
        IReadOnlyList<ClusterResource> resources,
        ClusterScope scope,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var lists = (from resource in resources from ns in scope.Namespaces ?? [null!] select (Resource: resource, Namespace: ns)).ToList();
        for (var index = 0; index < lists.Count; index++)
        {
            var (resource, ns) = lists[index];
            var label = Label(resource, ns);
            string? continueToken = null;
            do
            {
                cancellation.ThrowIfCancellationRequested();
                ClusterPage? page = null;
                ScanProblem? problem = null;
                string? verbose = null;
                var fatal = false;
                try
                {
                    page = ns is null || resource.ListNamespaced is null
                        ? await resource.ListAll(connection.Client, continueToken, scope.LabelSelector, scope.PageSize, cancellation).ConfigureAwait(false)
                        : await resource.ListNamespaced(connection.Client, ns, continueToken, scope.LabelSelector, scope.PageSize, cancellation).ConfigureAwait(false);
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone && ResumeToken(e) is { } resume)
                {
                    // The consistent snapshot expired mid-list; the server offers the rest as an inconsistent list.
                    verbose = $"{label}: the continue token expired; resuming with the server's token (objects changed meanwhile may be missed or repeated).";
                    page = new ClusterPage([], resume);
                }
                catch (HttpOperationException e)
                {
                    (problem, fatal) = Describe(e, label, connection.Endpoint);
                }
                catch (Exception e) when (!cancellation.IsCancellationRequested && ResponseTooLargeException.IsCause(e, out var limitBytes, out var headers))
                {
                    // A server that streams without end would do so for every list: stop asking it.
                    fatal = true;
                    var bound = headers
                        ? $"headers longer than {BoundedResponseHandler.Describe(connection.ResponseLimits.MaxHeaderBytes)}"
                        : $"a body larger than {BoundedResponseHandler.Describe(limitBytes)}";
                    problem = new ScanProblem("ClusterResponseTooLarge", ProblemKind.LimitsExceeded, connection.Endpoint,
                        new InvalidDataException($"The API server at {connection.Endpoint} answered the list of {label} with {bound}; the answer was not read and no further requests were sent. {NotRead(lists, index)}", e));
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
                {
                    // HTML from a proxy, or JSON that is no list: a server that answers so once will for every list.
                    // The answer is not quoted (it may be anything); the JSON path says where it stopped making sense.
                    fatal = true;
                    var where = e is System.Text.Json.JsonException { Path: { Length: > 1 } path } ? $" (at {path})" : string.Empty;
                    problem = new ScanProblem("ClusterAnswerUnreadable", ProblemKind.InvalidData, connection.Endpoint,
                        new InvalidDataException($"The API server at {connection.Endpoint} answered the list of {label} with something that is not a Kubernetes list{where}; no further requests were sent. {NotRead(lists, index)}", e));
                }
                catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
                {
                    // A server that does not answer one request will not answer the next: one timeout, not one per list.
                    fatal = true;
                    problem = new ScanProblem("ClusterRequestTimeout", ProblemKind.Timeout, connection.Endpoint,
                        new TimeoutException($"The API server at {connection.Endpoint} did not answer the list of {label} within {connection.RequestTimeout.TotalSeconds:0.#} s; no further requests were sent. {NotRead(lists, index)}", e));
                }
                catch (HttpRequestException e)
                {
                    fatal = true;
                    problem = new ScanProblem("ClusterUnreachable", ProblemKind.ConnectionError, connection.Endpoint,
                        new HttpRequestException($"The API server at {connection.Endpoint} cannot be reached: {e.Message} {NotRead(lists, index)}", e));
                }

                if (verbose is not null)
                {
                    yield return ManifestReadResult.Skip(verbose);
                }

                if (problem is not null)
                {
                    yield return ManifestReadResult.Failed(problem);
                    if (fatal)
                    {
                        yield break;
                    }

                    break;
                }

                foreach (var item in page!.Items)
                {
                    var root = JsonManifestConverter.Convert(KubernetesJson.Serialize(item), resource.Kind, resource.ApiVersion);
                    yield return ManifestReadResult.Of(new ManifestObject(root, file: null, isLive: true));
                }

                continueToken = string.IsNullOrEmpty(page.Continue) ? null : page.Continue;
            }
            while (continueToken is not null);
        }
    }

    private static string Label(ClusterResource resource, string? ns) =>
        ns is null ? $"{resource.Plural} (all namespaces)" : $"{resource.Plural} in namespace {ns}";

    /// <summary>The lists a stopped scan did not read (from <paramref name="index"/> on, that one included), for the message.</summary>
    private static string NotRead(List<(ClusterResource Resource, string? Namespace)> lists, int index)
    {
        const int Shown = 12;
        var unread = lists.Skip(index).Select(list => Label(list.Resource, list.Namespace)).ToList();
        var text = string.Join(", ", unread.Take(Shown));
        return unread.Count > Shown ? $"Not read: {text} and {unread.Count - Shown} more." : $"Not read: {text}.";
    }

    private static string? ResumeToken(HttpOperationException e)
    {
        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(e.Response.Content ?? string.Empty);
            return string.IsNullOrEmpty(status?.Metadata?.ContinueProperty) ? null : status.Metadata.ContinueProperty;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static (ScanProblem Problem, bool Fatal) Describe(HttpOperationException e, string label, string endpoint)
    {
        var message = StatusMessage(e);
        return e.Response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => (new ScanProblem("ClusterUnauthorized", ProblemKind.PermissionDenied, endpoint,
                new UnauthorizedAccessException($"The API server at {endpoint} rejected the credentials (401 Unauthorized){message}.", e)), true),
            HttpStatusCode.Forbidden => (new ScanProblem("ClusterForbidden", ProblemKind.PermissionDenied, label,
                new UnauthorizedAccessException($"Listing {label} is forbidden (403){message}; skipped.", e)), false),
            HttpStatusCode.NotFound => (new ScanProblem("ClusterResourceNotServed", ProblemKind.NotFound, label,
                new InvalidOperationException($"The API server does not serve {label} (404){message}; skipped.", e)), false),
            HttpStatusCode.Gone => (new ScanProblem("ClusterContinueExpired", ProblemKind.Timeout, label,
                new InvalidOperationException($"Listing {label} could not be finished: the continue token expired (410){message}. Run the scan again.", e)), false),
            _ => (new ScanProblem("ClusterRequestFailed", ProblemKind.Unexpected, label,
                new InvalidOperationException($"Listing {label} failed ({(int)e.Response.StatusCode} {e.Response.StatusCode}){message}.", e)), false),
        };
    }

    private static string StatusMessage(HttpOperationException e)
    {
        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(e.Response.Content ?? string.Empty);
            return string.IsNullOrEmpty(status?.Message) ? string.Empty : ": " + ServerMessage.Quote(status.Message);
        }
        catch (System.Text.Json.JsonException)
        {
            return string.Empty;
        }
    }
}
