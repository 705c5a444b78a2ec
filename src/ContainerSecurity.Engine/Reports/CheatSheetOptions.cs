namespace ContainerSecurity.Engine.Reports;

/// <summary>What the cheat sheet covers and how it is titled.</summary>
public sealed class CheatSheetOptions
{
    /// <summary>The title used when none is given.</summary>
    public const string DefaultTitle = "Docker and Kubernetes threat model cheat sheet";

    /// <summary>The sheet's title.</summary>
    public string Title { get; init; } = DefaultTitle;

    /// <summary>Only threats of these platforms; all when <see langword="null"/> or empty.</summary>
    public IReadOnlyCollection<Platform>? Platforms { get; init; }

    /// <summary>Only threats in any of these STRIDE categories; all when <see langword="null"/> or empty.</summary>
    public IReadOnlyCollection<StrideCategory>? Stride { get; init; }

    /// <summary>When the sheet was made (shown on it).</summary>
    public DateTimeOffset GeneratedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>How many of the worst affected targets each threat lists.</summary>
    public int WorstTargetCount { get; init; } = 5;
}
