using System.Management.Automation;
using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Commands;

/// <summary>
/// What every cmdlet of the module shares: a cancellation token that Ctrl+C (StopProcessing) cancels, so engine
/// work started on this pipeline ends promptly; the pump that writes engine scan events on the pipeline thread;
/// and the error-record helpers that keep error ids stable.
/// </summary>
public abstract class ContainerSecurityCommandBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>Cancelled when the user stops the pipeline.</summary>
    protected CancellationToken Cancellation => _cancellation.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>
    /// Writes what a scan reports, as it arrives. The scan runs on worker threads; this method blocks the pipeline
    /// thread between events, so every Write* call happens here, on the pipeline thread, as PowerShell requires.
    /// </summary>
    protected void WriteScan(IAsyncEnumerable<ScanEvent> events)
    {
        var enumerator = events.GetAsyncEnumerator(Cancellation);
        var abandoned = false;
        try
        {
            while (true)
            {
                // Waited for with the token: a step that parses or reads without looking at it does not hold Ctrl+C.
                var step = enumerator.MoveNextAsync().AsTask();
                try
                {
                    if (!step.WaitAsync(Cancellation).GetAwaiter().GetResult())
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!step.IsCompleted)
                {
                    abandoned = true;
                    throw;
                }

                var scanEvent = enumerator.Current;
                FailureSeen |= scanEvent is ProblemEvent or FindingEvent { Finding.Status: FindingStatus.Fail or FindingStatus.Error };
                Write(scanEvent);
            }
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            // Stopped by the user: PowerShell ends the pipeline itself.
        }
        finally
        {
            // A step still running owns the enumerator (disposing it then throws): it ends on its own.
            if (!abandoned)
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>
    /// Writes what a synchronous scan (reading and parsing files) reports. Each step runs on a worker and the pipeline
    /// thread waits for it with the cancellation token, so Ctrl+C is answered within moments even while a step parses
    /// a large file or a read is blocked; a step left running then ends on its own, its results unused.
    /// </summary>
    protected void WriteScan(IEnumerable<ScanEvent> events) => WriteScan(OnWorker(events, Cancellation));

    /// <summary>Like <see cref="WriteScan(IEnumerable{ScanEvent})"/>, for a scan that reads and parses when it is called: the call itself runs on the worker.</summary>
    protected void WriteScan(Func<IEnumerable<ScanEvent>> scan) => WriteScan(Deferred(scan));

    private static IEnumerable<ScanEvent> Deferred(Func<IEnumerable<ScanEvent>> scan)
    {
        foreach (var scanEvent in scan())
        {
            yield return scanEvent;
        }
    }

    private static async IAsyncEnumerable<ScanEvent> OnWorker(IEnumerable<ScanEvent> events, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var enumerator = events.GetEnumerator();
        var abandoned = false;
        try
        {
            while (true)
            {
                var step = Task.Run(enumerator.MoveNext, CancellationToken.None);
                try
                {
                    if (!await step.WaitAsync(cancellation).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!step.IsCompleted)
                {
                    // The step still runs and owns the enumerator: it must not be disposed under it.
                    abandoned = true;
                    throw;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            if (!abandoned)
            {
                enumerator.Dispose();
            }
        }
    }

    /// <summary>Writes a verbose message with any credential it quotes masked (an endpoint URL with a password, a command line).</summary>
    protected new void WriteVerbose(string text) => base.WriteVerbose(SecretDetector.MaskText(text));

    /// <summary>Writes a warning with any credential it quotes masked.</summary>
    protected new void WriteWarning(string text) => base.WriteWarning(SecretDetector.MaskText(text));

    /// <summary>Writes an error record whose message, exception chain and target carry no credential.</summary>
    protected new void WriteError(ErrorRecord errorRecord) => base.WriteError(Masked(errorRecord));

    /// <summary>Stops the command with an error record whose message, exception chain and target carry no credential.</summary>
    protected new void ThrowTerminatingError(ErrorRecord errorRecord) => base.ThrowTerminatingError(Masked(errorRecord));

    /// <summary>
    /// Whether the command met a finding that failed or ended in Error, a problem with an item, or reported an error for
    /// one: a Test-* -Quiet answer is then $false (something that was not checked is never a pass).
    /// </summary>
    protected bool FailureSeen { get; private set; }

    /// <summary>Reports one bad item and lets the command go on with the rest.</summary>
    protected internal void WriteItemError(Exception exception, string errorId, ErrorCategory category, object? target)
    {
        FailureSeen = true;
        WriteError(new ErrorRecord(exception, errorId, category, target));
    }

    /// <summary>Stops the command: nothing further can succeed.</summary>
    protected void ThrowCommandError(Exception exception, string errorId, ErrorCategory category, object? target) =>
        ThrowTerminatingError(new ErrorRecord(exception, errorId, category, target));

    /// <summary>Writes one scan event; cmdlets that filter findings (-Id, -IncludePassed …) override this.</summary>
    protected virtual void Write(ScanEvent scanEvent)
    {
        switch (scanEvent)
        {
            case FindingEvent finding:
                WriteObject(finding.Finding);
                break;
            case ProblemEvent { Problem: var problem }:
                WriteItemError(problem.Exception, problem.ErrorId, Category(problem.Kind), problem.Target);
                break;
            case ProgressEvent progress:
                WriteProgress(new ProgressRecord(ProgressActivityId, progress.Activity, progress.Status)
                {
                    PercentComplete = progress.PercentComplete,
                    RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                });
                break;
            case VerboseEvent verbose:
                WriteVerbose(verbose.Message);
                break;
            case WarningEvent warning:
                WriteWarning(warning.Message);
                break;
        }
    }

    /// <summary>
    /// The error record as the user may see and keep it ($Error, Export-Clixml): exception messages, inner exceptions
    /// and a string target pass through the module's one masking function.
    /// </summary>
    internal static ErrorRecord Masked(ErrorRecord record)
    {
        var exception = SecretDetector.MaskException(record.Exception);
        var target = record.TargetObject is string text ? SecretDetector.MaskText(text) : record.TargetObject;
        if (ReferenceEquals(exception, record.Exception) && Equals(target, record.TargetObject) && record.ErrorDetails is null)
        {
            return record;
        }

        var masked = new ErrorRecord(exception, record.FullyQualifiedErrorId, record.CategoryInfo.Category, target);
        if (record.ErrorDetails is { } details)
        {
            masked.ErrorDetails = new ErrorDetails(SecretDetector.MaskText(details.Message)) { RecommendedAction = details.RecommendedAction };
        }

        return masked;
    }

    /// <summary>The id of this command's progress bar.</summary>
    protected virtual int ProgressActivityId => 1;

    private static ErrorCategory Category(ProblemKind kind) => kind switch
    {
        ProblemKind.InvalidData => ErrorCategory.InvalidData,
        ProblemKind.NotFound => ErrorCategory.ObjectNotFound,
        ProblemKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ProblemKind.ConnectionError => ErrorCategory.ConnectionError,
        ProblemKind.Timeout => ErrorCategory.OperationTimeout,
        ProblemKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        _ => ErrorCategory.NotSpecified,
    };
}
