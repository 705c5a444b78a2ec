using System.Text;
using ContainerSecurity.Engine.Catalog;
using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Commands;

/// <summary>The one place that turns findings into a report, for Export-ContainerSecurityReport and ConvertTo-ContainerSecurityReport alike.</summary>
internal static class ReportRendering
{
    /// <summary>The module's version, as the SARIF tool driver names it.</summary>
    public static string Version => typeof(ReportRendering).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Writes <paramref name="findings"/> as <paramref name="format"/>; SARIF file locations are made relative to <paramref name="sourceRoot"/>.</summary>
    public static void Write(ReportFormat format, IReadOnlyList<Finding> findings, Stream stream, string sourceRoot)
    {
        switch (format)
        {
            case ReportFormat.Sarif:
                SarifReportWriter.Write(findings, RuleCatalog.Default, stream, sourceRoot, Version);
                break;
            case ReportFormat.JUnit:
                JUnitReportWriter.Write(findings, stream, "ContainerSecurity", DateTimeOffset.UtcNow);
                break;
            case ReportFormat.Json:
                FindingJsonWriter.Write(findings, stream);
                break;
            default:
                using (var writer = TextWriterFor(stream))
                {
                    CsvReportWriter.Write(findings, writer);
                }

                break;
        }
    }

    /// <summary>UTF-8 without a byte-order mark, the encoding every consumer of these formats expects.</summary>
    public static StreamWriter TextWriterFor(Stream stream) => new(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
}
