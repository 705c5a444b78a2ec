using System.Management.Automation;

namespace ContainerSecurity.Commands;

/// <summary>
/// What every cmdlet of the module shares: a cancellation token that Ctrl+C (StopProcessing) cancels, so engine
/// work started on this pipeline ends promptly, and the error-record helpers that keep error ids stable.
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

    /// <summary>Reports one bad item and lets the command go on with the rest.</summary>
    protected void WriteItemError(Exception exception, string errorId, ErrorCategory category, object? target) =>
        WriteError(new ErrorRecord(exception, errorId, category, target));

    /// <summary>Stops the command: nothing further can succeed.</summary>
    protected void ThrowCommandError(Exception exception, string errorId, ErrorCategory category, object? target) =>
        ThrowTerminatingError(new ErrorRecord(exception, errorId, category, target));
}
