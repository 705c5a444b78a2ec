using System.Globalization;
using System.Text;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// Draws the STRIDE × asset matrix as inline SVG: one coloured square per cell, labelled with the worst open
/// severity and the counts, so it reads on screen, in print and without colour vision.
/// </summary>
public static class MatrixSvgWriter
{
    private const int LabelWidth = 190;
    private const int HeaderHeight = 44;
    private const int CellWidth = 130;
    private const int CellHeight = 58;
    private const int Gap = 4;
    private const int LegendHeight = 36;

    /// <summary>Fill and text colour per cell state; also used by the HTML legend.</summary>
    public static (string Fill, string Text) Colors(string state) => state switch
    {
        "critical" => ("#991b1b", "#ffffff"),
        "high" => ("#dc2626", "#ffffff"),
        "medium" => ("#f59e0b", "#1f2937"),
        "low" => ("#3b82f6", "#ffffff"),
        "info" => ("#93c5fd", "#1f2937"),
        "passed" => ("#16a34a", "#ffffff"),
        "waived" => ("#7c3aed", "#ffffff"),
        "unaudited" => ("#e5e7eb", "#374151"),
        _ => ("#ffffff", "#9ca3af"),
    };

    public static string Render(StrideAssetMatrix matrix)
    {
        var width = LabelWidth + (matrix.Columns.Count * (CellWidth + Gap));
        var height = HeaderHeight + (matrix.Rows.Count * (CellHeight + Gap)) + LegendHeight;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"matrix\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"matrix-title\">\n");
        svg.Append("<title id=\"matrix-title\">STRIDE × asset matrix: worst open finding per category and asset</title>\n");
        svg.Append("<style>text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}.h{font-size:13px;font-weight:600;fill:#111827}.s{font-size:12px}.b{font-size:13px;font-weight:700}</style>\n");

        for (var c = 0; c < matrix.Columns.Count; c++)
        {
            var x = LabelWidth + (c * (CellWidth + Gap)) + (CellWidth / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"h\" x=\"{x}\" y=\"{HeaderHeight - 14}\" text-anchor=\"middle\">{HtmlText.Encode(SheetText.Name(matrix.Columns[c]))}</text>\n");
        }

        for (var r = 0; r < matrix.Rows.Count; r++)
        {
            var y = HeaderHeight + (r * (CellHeight + Gap));
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"h\" x=\"{LabelWidth - 10}\" y=\"{y + (CellHeight / 2) + 5}\" text-anchor=\"end\">{HtmlText.Encode(SheetText.Name(matrix.Rows[r]))}</text>\n");
            for (var c = 0; c < matrix.Columns.Count; c++)
            {
                AppendCell(svg, matrix[matrix.Rows[r], matrix.Columns[c]], LabelWidth + (c * (CellWidth + Gap)), y);
            }
        }

        AppendLegend(svg, height - LegendHeight + 8);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void AppendCell(StringBuilder svg, MatrixCell cell, int x, int y)
    {
        var (fill, text) = Colors(cell.State);
        var stroke = cell.State == "none" ? "#d1d5db" : fill;
        var (line1, line2) = cell.State switch
        {
            "none" => ("—", string.Empty),
            "unaudited" => ("not audited", $"{cell.ThreatCount} threat(s)"),
            "passed" => ("passed", $"{cell.FindingCount} finding(s)"),
            "waived" => ("waived", $"{cell.WaivedCount} waived · {cell.FindingCount} finding(s)"),
            _ => (cell.WorstSeverity.ToString()!, $"{cell.OpenCount} open · {cell.ThreatCount} threat(s)"),
        };
        var tooltip = $"{SheetText.Name(cell.Stride)} × {SheetText.Name(cell.Asset)}: {line1} {line2}".Trim();
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"cell {cell.State}\"><title>{HtmlText.Encode(tooltip)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{CellWidth}\" height=\"{CellHeight}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"b\" x=\"{x + (CellWidth / 2)}\" y=\"{y + 25}\" text-anchor=\"middle\" fill=\"{text}\">{HtmlText.Encode(line1)}</text>");
        if (line2.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"s\" x=\"{x + (CellWidth / 2)}\" y=\"{y + 44}\" text-anchor=\"middle\" fill=\"{text}\">{HtmlText.Encode(line2)}</text>");
        }

        svg.Append("</g>\n");
    }

    private static void AppendLegend(StringBuilder svg, int y)
    {
        string[] states = ["critical", "high", "medium", "low", "info", "waived", "passed", "unaudited"];
        var x = 10;
        foreach (var state in states)
        {
            var (fill, _) = Colors(state);
            var label = state == "unaudited" ? "not audited" : char.ToUpperInvariant(state[0]) + state[1..];
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"16\" height=\"16\" rx=\"3\" fill=\"{fill}\" stroke=\"#9ca3af\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"s\" x=\"{x + 22}\" y=\"{y + 13}\" fill=\"#111827\">{label}</text>\n");
            x += 34 + (label.Length * 7);
        }
    }
}
