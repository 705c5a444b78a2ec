using System.Globalization;
using System.Text.Json;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// Writes findings as a JSON array with the property names of <see cref="Finding"/> (what ConvertTo-Json would
/// give), but with every enum as its name (<c>"Severity": "High"</c>, not 3), so the file reads the same in any
/// tool and ConvertFrom-Json gives back objects that Assert-ContainerSecurityFinding and the exports accept.
/// </summary>
public static class FindingJsonWriter
{
    public static void Write(IEnumerable<Finding> findings, Stream output)
    {
        using var json = ReportJson.Open(output);
        json.WriteStartArray();
        foreach (var finding in findings)
        {
            WriteFinding(json, finding);
        }

        json.WriteEndArray();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        json.WriteString("RuleId", f.RuleId);
        json.WriteString("Title", f.Title);
        json.WriteString("Status", f.Status.ToString());
        json.WriteString("Severity", f.Severity.ToString());
        json.WriteStartArray("Stride");
        foreach (var stride in f.Stride)
        {
            json.WriteStringValue(stride.ToString());
        }

        json.WriteEndArray();
        json.WriteString("Platform", f.Platform.ToString());
        json.WriteString("Asset", f.Asset.ToString());
        WriteTarget(json, f.Target);
        json.WriteString("Message", f.Message);
        if (f.Evidence is { } evidence)
        {
            json.WriteStartObject("Evidence");
            json.WriteString("Observed", evidence.Observed);
            json.WriteString("Expected", evidence.Expected);
            json.WriteString("Source", evidence.Source);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("Evidence");
        }

        json.WriteString("Remediation", f.Remediation);
        json.WriteStartArray("References");
        foreach (var reference in f.References)
        {
            json.WriteStartObject();
            json.WriteString("Source", reference.Source);
            json.WriteString("Id", reference.Id);
            ReportJson.WriteIf(json, "Url", reference.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteWaiver(json, f.Waiver);
        json.WriteBoolean("IsWaived", f.IsWaived);
        json.WriteStartArray("Cis");
        f.Cis.ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter json, FindingTarget target)
    {
        json.WriteStartObject("Target");
        ReportJson.WriteIf(json, "Host", target.Host);
        ReportJson.WriteIf(json, "File", target.File);
        if (target.Line is { } line)
        {
            json.WriteNumber("Line", line);
        }

        if (target.Column is { } column)
        {
            json.WriteNumber("Column", column);
        }

        ReportJson.WriteIf(json, "Namespace", target.Namespace);
        ReportJson.WriteIf(json, "Kind", target.Kind);
        ReportJson.WriteIf(json, "Name", target.Name);
        ReportJson.WriteIf(json, "Container", target.Container);
        ReportJson.WriteIf(json, "FieldPath", target.FieldPath);
        json.WriteEndObject();
    }

    private static void WriteWaiver(Utf8JsonWriter json, Waiver? waiver)
    {
        if (waiver is null)
        {
            json.WriteNull("Waiver");
            return;
        }

        json.WriteStartObject("Waiver");
        json.WriteString("Reason", waiver.Reason);
        if (waiver.Expires is { } expires)
        {
            json.WriteString("Expires", expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        ReportJson.WriteIf(json, "Container", waiver.Container);
        ReportJson.WriteIf(json, "DeclaredIn", waiver.DeclaredIn);
        json.WriteBoolean("IsExpired", waiver.IsExpired);
        json.WriteEndObject();
    }
}
