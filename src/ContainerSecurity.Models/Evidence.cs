namespace ContainerSecurity;

/// <summary>
/// What was seen, what was expected, and where the value came from. Secret values never reach this type: the engine
/// masks them before a finding is built.
/// </summary>
public sealed class Evidence
{
    /// <summary>Creates evidence.</summary>
    public Evidence(string observed, string expected, string source)
    {
        Observed = observed;
        Expected = expected;
        Source = source;
    }

    /// <summary>The value seen, for example <c>log-level: debug</c>.</summary>
    public string Observed { get; }

    /// <summary>The value the rule expects, for example <c>log-level: info</c>.</summary>
    public string Expected { get; }

    /// <summary>Which source decided the value: <c>default</c>, <c>daemon.json</c>, <c>command line</c>, a file:line …</summary>
    public string Source { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Observed} (expected {Expected}; from {Source})";
}
