using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Files;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>
/// Audits containers: live through the Engine API, inspecting up to ThrottleLimit containers at once and streaming
/// findings as each container is done, or offline from saved <c>docker inspect</c> output. A container that
/// disappears or a malformed document is a <see cref="ProblemEvent"/> for that item; a daemon that stops answering
/// mid-scan ends the scan with one problem that counts the containers not audited (<see cref="DaemonFailureStreak"/>).
/// </summary>
public static class ContainerScanner
{
    private const string Activity = "Auditing containers";

    /// <summary>Audits <paramref name="containers"/> (from <see cref="IDockerApi.ListContainersAsync"/>) on the daemon behind <paramref name="api"/>.</summary>
    public static async IAsyncEnumerable<ScanEvent> ScanLiveAsync(
        IDockerApi api,
        IReadOnlyList<DockerContainerSummary> containers,
        ContainerScanOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        HostSecurityFeatures? host = null;
        string? hostProblem = null;
        try
        {
            host = HostSecurityFeatures.FromInfo(await api.GetInfoAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is DockerConnectionException or DockerApiRequestException)
        {
            hostProblem = exception.Message;
        }

        if (host is not null && (options.RuleIds is null || options.RuleIds.Contains("DC025")))
        {
            // Inspect shows only what a container asked for; the daemon's --no-new-privileges applies to all the others.
            var defaults = await DaemonContainerDefaults.ReadAsync(api, options.ProcRoot, cancellationToken).ConfigureAwait(false);
            host = host with { Defaults = defaults };
            yield return new VerboseEvent($"Daemon defaults for containers: {defaults.Provenance}.");
        }

        yield return new VerboseEvent(host is null
            ? $"Could not read the security options of {api.Endpoint} ({hostProblem}); AppArmor and SELinux checks judge from inspect alone."
            : $"Auditing {containers.Count} container(s) on {api.Endpoint} ({api.Endpoint.Source}); AppArmor={host.AppArmor}, SELinux={host.SELinux}, userns-remap={host.UserNamespaceRemap}.");

        var channel = Channel.CreateBounded<ScanEvent>(new BoundedChannelOptions(1024) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var streak = new DaemonFailureStreak(options.ThrottleLimit);
        var done = 0;
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.ThrottleLimit), CancellationToken = stop.Token };
                    await Parallel.ForEachAsync(containers, parallel, async (summary, token) =>
                    {
                        var (events, daemonFailure) = await AuditOneAsync(api, summary, host, options, token).ConfigureAwait(false);
                        if (daemonFailure is not null)
                        {
                            if (streak.Failed(daemonFailure, events[0]))
                            {
                                // The daemon is gone: end the requests in flight rather than wait out their timeouts.
                                await stop.CancelAsync().ConfigureAwait(false);
                            }

                            return;
                        }

                        // The daemon answered: failures held back were those containers' own, and are reported now.
                        var released = streak.Answered();
                        foreach (var scanEvent in released.Concat(events))
                        {
                            await channel.Writer.WriteAsync(scanEvent, token).ConfigureAwait(false);
                        }

                        var count = Interlocked.Add(ref done, released.Count + 1);
                        if (ShouldReportProgress(count, containers.Count))
                        {
                            await channel.Writer.WriteAsync(new ProgressEvent(Activity, $"{count} of {containers.Count} containers", count * 100 / containers.Count), token).ConfigureAwait(false);
                        }
                    }).ConfigureAwait(false);

                    foreach (var held in streak.Remaining())
                    {
                        await channel.Writer.WriteAsync(held, cancellationToken).ConfigureAwait(false);
                    }

                    channel.Writer.TryComplete();
                }
                catch (OperationCanceledException) when (streak.Tripped && !cancellationToken.IsCancellationRequested)
                {
                    channel.Writer.TryComplete();
                }
                catch (Exception exception)
                {
                    channel.Writer.TryComplete(exception);
                }
            },
            CancellationToken.None);

        try
        {
            await foreach (var scanEvent in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return scanEvent;
            }
        }
        finally
        {
            // Stopped early (Ctrl+C or the consumer gave up): end the workers before returning.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }

        if (streak.Tripped)
        {
            yield return DaemonStopped(api, streak, containers.Count - Volatile.Read(ref done));
        }

        yield return new ProgressEvent(Activity, "Done", 100, Completed: true);
    }

    /// <summary>Audits the containers in one file of <c>docker inspect</c> output (an array of documents, or one document).</summary>
    public static IEnumerable<ScanEvent> ScanInspectFile(string path, ContainerScanOptions options, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            // Decoded by byte-order mark first, so bad bytes are an error with their offset, never a crash in a getter.
            var utf8 = TextDecoding.ToUtf8(InputFile.ReadAllBytes(path, InputKind.ContainerInspect, cancellationToken), path);
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            // System.Text.Json's message quotes the input it stopped at (a secret, or a whole YAML file): say where only.
            var where = exception.LineNumber is { } line ? $"{path}:{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : path;
            return [Problem("InvalidInspectJson", ProblemKind.InvalidData, where, new InvalidDataException($"{where}: not valid JSON; docker inspect writes a JSON array of container documents."))];
        }
        catch (InputEncodingException exception)
        {
            return [Problem("InvalidInspectEncoding", ProblemKind.InvalidData, $"{path}:{exception.Line}:{exception.Column}", exception)];
        }
        catch (InputTooLargeException exception)
        {
            return [Problem("InspectFileTooLarge", ProblemKind.LimitsExceeded, path, exception)];
        }
        catch (NotRegularFileException exception)
        {
            return [Problem("NotRegularFile", ProblemKind.InvalidData, path, exception)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [Problem("InspectFileUnreadable", exception is UnauthorizedAccessException ? ProblemKind.PermissionDenied : ProblemKind.NotFound, path, exception)];
        }

        return ScanDocument(document, path, options, cancellationToken);
    }

    private static IEnumerable<ScanEvent> ScanDocument(JsonDocument document, string path, ContainerScanOptions options, CancellationToken cancellationToken)
    {
        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
            if (items.Length == 0)
            {
                // What `docker inspect` writes when no container matched: nothing here was audited, so it is no pass.
                yield return Problem("EmptyInspectFile", ProblemKind.InvalidData, path, new InvalidDataException(
                    $"{path}: holds no container document (docker inspect writes [] when no container matched); nothing was audited."));
            }

            for (var index = 0; index < items.Length; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var source = root.ValueKind == JsonValueKind.Array ? $"{path}[{index}]" : path;
                if (!ContainerInspection.TryRead(items[index], source, out var container, out var error))
                {
                    yield return Problem("InvalidContainerInspect", ProblemKind.InvalidData, source, error);
                    continue;
                }

                var target = new FindingTarget { File = path, Kind = "Container", Name = container.Name };
                foreach (var scanEvent in Evaluate(new ContainerSubject(container, Host: null, Processes: null), target, $"{Path.GetFileName(path)} (docker inspect)", options))
                {
                    yield return scanEvent;
                }
            }
        }
    }

    /// <summary>
    /// Audits one container. A request that failed for want of the daemon is returned as well as its problem, so
    /// that the scan can tell a daemon that stopped answering from one container that could not be read.
    /// </summary>
    private static async Task<(IReadOnlyList<ScanEvent> Events, DockerConnectionException? DaemonFailure)> AuditOneAsync(
        IDockerApi api,
        DockerContainerSummary summary,
        HostSecurityFeatures? host,
        ContainerScanOptions options,
        CancellationToken cancellationToken)
    {
        ContainerInspection container;
        DockerProcessList? processes = null;
        try
        {
            container = ContainerInspection.Read(await api.InspectContainerAsync(summary.Id, cancellationToken).ConfigureAwait(false), $"container {summary.Name}");
            if (container.Running && options.ListProcesses && Selected(options, "DC007"))
            {
                try
                {
                    processes = await api.ListProcessesAsync(container.Id, null, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is DockerObjectNotFoundException
                    || exception is DockerApiRequestException { StatusCode: HttpStatusCode.Conflict or HttpStatusCode.InternalServerError })
                {
                    // Stopped or removed between inspect and top: the inspect-based checks still stand.
                }
            }
        }
        catch (Exception exception) when (ProblemFor(exception, summary) is { } problem)
        {
            return ([problem], exception as DockerConnectionException);
        }

        var target = new FindingTarget { Host = api.Endpoint.ToString(), Kind = "Container", Name = container.Name };
        return (Evaluate(new ContainerSubject(container, host, processes), target, $"GET /containers/{container.Name}/json", options).ToArray(), null);
    }

    /// <summary>The one error of a scan the daemon stopped answering: which daemon, why, and how many containers were left.</summary>
    private static ProblemEvent DaemonStopped(IDockerApi api, DaemonFailureStreak streak, int notAudited)
    {
        var last = streak.LastFailure!;
        var exception = new DockerConnectionException(
            $"The Docker daemon at {api.Endpoint} stopped answering: {streak.Limit} requests in a row failed (the last: {last.Message.TrimEnd('.')}). " +
            $"The scan was stopped; {notAudited} container(s) were not audited.",
            last.TimedOut,
            last);
        return Problem("DockerDaemonStopped", last.TimedOut ? ProblemKind.Timeout : ProblemKind.ConnectionError, api.Endpoint.ToString(), exception);
    }

    private static IEnumerable<ScanEvent> Evaluate(ContainerSubject subject, FindingTarget target, string evidenceSource, ContainerScanOptions options)
    {
        foreach (var rule in ContainerRules.All.Where(r => Selected(options, r.RuleId)))
        {
            foreach (var result in rule.Evaluate(subject).Where(r => DockerFindings.Wanted(r, options.IncludePassed)))
            {
                yield return DockerFindings.ToEvent(result, new FindingTarget
                {
                    Host = target.Host,
                    File = target.File,
                    Kind = target.Kind,
                    Name = target.Name,
                    FieldPath = result.FieldPath,
                }, evidenceSource);
            }
        }
    }

    private static bool Selected(ContainerScanOptions options, string ruleId) => options.RuleIds is null || options.RuleIds.Contains(ruleId);

    private static ProblemEvent? ProblemFor(Exception exception, DockerContainerSummary summary) => exception switch
    {
        DockerObjectNotFoundException => Problem("ContainerGone", ProblemKind.NotFound, summary.Name,
            new DockerObjectNotFoundException($"Container '{summary.Name}' ({ShortId(summary.Id)}) was removed before it could be inspected.", summary.Id, exception)),
        // The client's messages name what it asked for, the id: say which container that is.
        DockerConnectionException e => Problem(e.TimedOut ? "DockerTimeout" : "DockerUnreachable", e.TimedOut ? ProblemKind.Timeout : ProblemKind.ConnectionError, summary.Name,
            new DockerConnectionException($"Container '{summary.Name}' ({ShortId(summary.Id)}) was not audited: {e.Message}", e.TimedOut, e)),
        DockerApiRequestException e => Problem("DockerRequestFailed", ProblemKind.Unexpected, summary.Name,
            new DockerApiRequestException($"Container '{summary.Name}' ({ShortId(summary.Id)}) was not audited: {e.Message}", e.StatusCode, e)),
        InvalidDataException => Problem("InvalidContainerInspect", ProblemKind.InvalidData, summary.Name, exception),
        _ => null,
    };

    private static ProblemEvent Problem(string errorId, ProblemKind kind, string target, Exception exception) =>
        new(new ScanProblem(errorId, kind, target, exception));

    private static string ShortId(string id) => id[..Math.Min(12, id.Length)];

    private static bool ShouldReportProgress(int done, int total) => total >= 20 && done % Math.Max(1, total / 20) == 0 && done < total;
}
