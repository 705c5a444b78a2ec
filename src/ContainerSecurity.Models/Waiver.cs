namespace ContainerSecurity;

/// <summary>An accepted risk: a rule waived for a workload (optionally one container), with a reason and an expiry.</summary>
public sealed class Waiver
{
    /// <summary>Why the risk is accepted.</summary>
    public required string Reason { get; init; }

    /// <summary>When the waiver stops applying; <see langword="null"/> for no expiry.</summary>
    public DateTime? Expires { get; init; }

    /// <summary>The container the waiver is limited to, or <see langword="null"/> for the whole workload.</summary>
    public string? Container { get; init; }

    /// <summary>Where the waiver was declared, for example the annotation name.</summary>
    public string? DeclaredIn { get; init; }

    /// <summary>Whether the waiver had expired when the finding was made; an expired waiver waives nothing.</summary>
    public bool IsExpired { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Expires is null ? Reason : $"{Reason} (until {Expires:yyyy-MM-dd})";
}
