namespace ContainerSecurity.Engine.Scanning;

/// <summary>
/// A per-item failure, described without PowerShell types so the engine stays host-neutral: the cmdlet maps
/// <see cref="Kind"/> to an ErrorCategory and keeps <see cref="ErrorId"/> as the stable FullyQualifiedErrorId.
/// </summary>
/// <param name="ErrorId">A stable PascalCase id, for example <c>InvalidYaml</c> or <c>ContainerGone</c>.</param>
/// <param name="Kind">What kind of failure it was.</param>
/// <param name="Target">The item: a file:line:column, an object name, an endpoint.</param>
/// <param name="Exception">The specific exception, whose message names the item.</param>
public sealed record ScanProblem(string ErrorId, ProblemKind Kind, string Target, Exception Exception);

/// <summary>The kinds of per-item failure; each maps to one PowerShell ErrorCategory.</summary>
public enum ProblemKind
{
    /// <summary>The input is malformed (YAML, JSON, Dockerfile syntax, wrong field type).</summary>
    InvalidData,
    /// <summary>The item does not exist (any more).</summary>
    NotFound,
    /// <summary>Reading the item was refused (file mode, HTTP 401/403).</summary>
    PermissionDenied,
    /// <summary>The endpoint could not be reached or closed the connection.</summary>
    ConnectionError,
    /// <summary>The endpoint did not answer in time.</summary>
    Timeout,
    /// <summary>The input exceeds a safety limit (size, alias expansion, nesting).</summary>
    LimitsExceeded,
    /// <summary>Anything else: a bug or an unexpected answer.</summary>
    Unexpected,
}
