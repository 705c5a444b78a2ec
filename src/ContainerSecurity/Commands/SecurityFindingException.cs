namespace ContainerSecurity.Commands;

/// <summary>Thrown by Assert-ContainerSecurityFinding: the findings that failed the gate travel with the error.</summary>
public sealed class SecurityFindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecurityFindingException(string message, IReadOnlyList<Finding> findings)
        : base(message) => Findings = findings;

    /// <summary>The open findings at or above the gate's severity, worst first.</summary>
    public IReadOnlyList<Finding> Findings { get; }
}
