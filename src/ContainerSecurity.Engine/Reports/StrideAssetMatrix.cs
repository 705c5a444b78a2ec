namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// STRIDE categories (rows) × asset kinds (columns). Each cell counts the sheet's threats of that category and asset
/// and holds the worst severity of the open findings about them, which is what the cell's colour shows.
/// </summary>
public sealed class StrideAssetMatrix
{
    private readonly Dictionary<(StrideCategory, Asset), MatrixCell> _cells;

    public StrideAssetMatrix(IReadOnlyList<StrideCategory> rows, IReadOnlyList<Asset> columns, IEnumerable<MatrixCell> cells)
    {
        Rows = rows;
        Columns = columns;
        _cells = cells.ToDictionary(c => (c.Stride, c.Asset));
    }

    public IReadOnlyList<StrideCategory> Rows { get; }

    public IReadOnlyList<Asset> Columns { get; }

    /// <summary>The cell of a category and an asset; an empty cell when no threat is there.</summary>
    public MatrixCell this[StrideCategory stride, Asset asset] =>
        _cells.TryGetValue((stride, asset), out var cell) ? cell : new MatrixCell(stride, asset, 0, 0, 0, 0, null);
}

/// <summary>One cell of the STRIDE × asset matrix.</summary>
/// <param name="ThreatCount">The threats of this category and asset on the sheet.</param>
/// <param name="FindingCount">The findings about those threats.</param>
/// <param name="OpenCount">The open (failed, unwaived) findings among them.</param>
/// <param name="WaivedCount">The waived failures among them.</param>
/// <param name="WorstSeverity">The worst severity among the open findings.</param>
public sealed record MatrixCell(StrideCategory Stride, Asset Asset, int ThreatCount, int FindingCount, int OpenCount, int WaivedCount, Severity? WorstSeverity)
{
    /// <summary>The state a reader should see: no threat, not audited, passed, waived, or the worst open severity.</summary>
    public string State => ThreatCount == 0 ? "none"
        : WorstSeverity is { } worst ? worst.ToString().ToLowerInvariant()
        : FindingCount == 0 ? "unaudited"
        : WaivedCount > 0 ? "waived"
        : "passed";
}
