namespace ContainerSecurity;

/// <summary>A cross-reference from a rule to a benchmark, standard, threat matrix or peer tool.</summary>
public sealed class RuleReference
{
    /// <summary>Creates a reference.</summary>
    public RuleReference(string source, string id, string? url = null)
    {
        Source = source;
        Id = id;
        Url = url;
    }

    /// <summary>Where the id comes from, for example <c>CIS Docker 1.6.0</c>, <c>MITRE ATT&amp;CK</c> or <c>Trivy</c>.</summary>
    public string Source { get; }

    /// <summary>The id within that source, for example <c>2.3</c>, <c>T1611</c> or <c>KSV-0119</c>.</summary>
    public string Id { get; }

    /// <summary>A link to the referenced text, where one is stable.</summary>
    public string? Url { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Source} {Id}";
}
