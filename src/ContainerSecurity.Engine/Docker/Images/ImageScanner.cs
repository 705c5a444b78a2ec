using System.Runtime.CompilerServices;
using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Docker.Dockerfiles;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Docker.Images;

/// <summary>Audits images of a live daemon with the image-level DI rules (user, health check, env secrets, SSH port).</summary>
public static class ImageScanner
{
    /// <summary>The rules an image can answer.</summary>
    public static IReadOnlySet<string> RuleIds { get; } = new HashSet<string>(StringComparer.Ordinal) { "DI001", "DI007", "DI011", "DI015" };

    public static async IAsyncEnumerable<ScanEvent> ScanLiveAsync(
        IDockerApi api,
        IReadOnlyList<DockerImageSummary> images,
        DockerfileScanOptions options,
        int throttleLimit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var throttle = new SemaphoreSlim(Math.Max(1, throttleLimit));
        var tasks = images.Select(async image =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await AuditOneAsync(api, image, options, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                throttle.Release();
            }
        }).ToList();

        // Results are written in the order the images were listed; each image's inspect runs concurrently.
        try
        {
            foreach (var task in tasks)
            {
                foreach (var scanEvent in await task.ConfigureAwait(false))
                {
                    yield return scanEvent;
                }
            }
        }
        finally
        {
            // Stopped early (Ctrl+C, or a failure): let the workers finish before the throttle and the client they
            // use are disposed. Their outcome no longer matters.
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<ScanEvent>> AuditOneAsync(IDockerApi api, DockerImageSummary image, DockerfileScanOptions options, CancellationToken cancellationToken)
    {
        var name = image.RepoTags.FirstOrDefault(t => t != "<none>:<none>") ?? image.Id;
        try
        {
            var document = await api.InspectImageAsync(image.Id, cancellationToken).ConfigureAwait(false);
            var target = new FindingTarget { Host = api.Endpoint.ToString(), Kind = "Image", Name = name };
            return ImageRules.Evaluate(document, name)
                .Where(r => (options.RuleIds is null || options.RuleIds.Contains(r.RuleId)) && DockerFindings.Wanted(r, options.IncludePassed))
                .Select(r => (ScanEvent)DockerFindings.ToEvent(r, new FindingTarget { Host = target.Host, Kind = target.Kind, Name = target.Name, FieldPath = r.FieldPath }, $"GET /images/{name}/json"))
                .ToArray();
        }
        catch (DockerObjectNotFoundException exception)
        {
            return [new ProblemEvent(new ScanProblem("ImageGone", ProblemKind.NotFound, name, exception))];
        }
        catch (DockerConnectionException exception)
        {
            return [new ProblemEvent(new ScanProblem(exception.TimedOut ? "DockerTimeout" : "DockerUnreachable", exception.TimedOut ? ProblemKind.Timeout : ProblemKind.ConnectionError, name, exception))];
        }
        catch (DockerApiRequestException exception)
        {
            return [new ProblemEvent(new ScanProblem("DockerRequestFailed", ProblemKind.Unexpected, name, exception))];
        }
    }
}
