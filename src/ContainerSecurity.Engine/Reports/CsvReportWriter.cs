using System.Globalization;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// Writes findings as CSV (RFC 4180: comma-separated, CRLF, quoted where needed), one row per finding, for
/// spreadsheets and Import-Csv. Cells that a spreadsheet would run as a formula are neutralised, and control
/// characters from the input are shown, not written raw.
/// </summary>
public static class CsvReportWriter
{
    private static readonly string[] s_header =
    [
        "RuleId", "Title", "Status", "Severity", "Stride", "Platform", "Asset", "Target", "File", "Line", "Column", "Namespace",
        "Kind", "Name", "Container", "FieldPath", "Host", "Message", "Observed", "Expected", "EvidenceSource", "Remediation",
        "IsWaived", "WaiverReason", "WaiverExpires", "Cis",
    ];

    public static void Write(IEnumerable<Finding> findings, TextWriter output)
    {
        WriteRow(output, s_header);
        foreach (var f in findings)
        {
            var t = f.Target;
            WriteRow(output,
            [
                f.RuleId, f.Title, f.Status.ToString(), f.Severity.ToString(), string.Join(';', f.Stride), f.Platform.ToString(),
                f.Asset.ToString(), t.ToString(), t.File, Number(t.Line), Number(t.Column), t.Namespace, t.Kind, t.Name, t.Container,
                t.FieldPath, t.Host, f.Message, f.Evidence?.Observed, f.Evidence?.Expected, f.Evidence?.Source, f.Remediation,
                f.IsWaived ? "True" : "False", f.Waiver?.Reason, f.Waiver?.Expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                string.Join(';', f.Cis),
            ]);
        }
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static void WriteRow(TextWriter output, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            output.Write(Quote(cells[i] ?? string.Empty));
        }

        output.Write("\r\n");
    }

    internal static string Quote(string value)
    {
        value = ControlCharacters.Visible(value);

        // A leading =, +, - or @ makes Excel and LibreOffice evaluate the cell (CSV injection); a quote defuses it.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
