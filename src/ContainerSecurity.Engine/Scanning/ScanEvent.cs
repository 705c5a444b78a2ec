namespace ContainerSecurity.Engine.Scanning;

/// <summary>
/// What an engine scan reports while it runs. Scans produce these on any thread; the cmdlet turns them into
/// WriteObject, WriteError, WriteProgress and WriteVerbose calls on the pipeline thread.
/// </summary>
public abstract record ScanEvent;

/// <summary>A finding to write to the pipeline.</summary>
public sealed record FindingEvent(Finding Finding) : ScanEvent;

/// <summary>One item (file, document, container, namespace) could not be audited; the scan goes on.</summary>
public sealed record ProblemEvent(ScanProblem Problem) : ScanEvent;

/// <summary>How far a long scan has got; <paramref name="PercentComplete"/> is -1 when the total is unknown.</summary>
public sealed record ProgressEvent(string Activity, string Status, int PercentComplete, bool Completed = false) : ScanEvent;

/// <summary>A detail for -Verbose: what was read, from where, and what was skipped.</summary>
public sealed record VerboseEvent(string Message) : ScanEvent;

/// <summary>Something skipped that the user should hear of (a FIFO named like an input file, a link out of the tree).</summary>
public sealed record WarningEvent(string Message) : ScanEvent;
