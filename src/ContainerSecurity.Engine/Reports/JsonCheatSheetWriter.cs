using System.Text.Json;

namespace ContainerSecurity.Engine.Reports;

/// <summary>Writes the cheat sheet as JSON, section by section in the order of the four questions.</summary>
public static class JsonCheatSheetWriter
{
    public static void Write(CheatSheet sheet, Stream output)
    {
        using var json = ReportJson.Open(output);
        json.WriteStartObject();
        json.WriteString("title", sheet.Title);
        json.WriteString("generatedAt", sheet.GeneratedAt);
        json.WriteString("generator", "ContainerSecurity");
        json.WriteBoolean("hasFindings", sheet.HasFindings);
        json.WriteNumber("findingCount", sheet.FindingCount);

        json.WriteStartObject("whatAreWeBuilding");
        json.WriteString("question", SheetText.Building);
        json.WriteStartArray("assets");
        foreach (var asset in sheet.Assets)
        {
            json.WriteStartObject();
            json.WriteString("asset", asset.Asset.ToString());
            json.WriteString("platform", asset.Platform.ToString());
            json.WriteString("description", SheetText.Describe(asset.Asset));
            json.WriteNumber("threatCount", asset.ThreatCount);
            json.WriteStartArray("targets");
            asset.Targets.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        WriteGroups(json, "whatCanGoWrong", SheetText.GoWrong, sheet, WriteThreat);
        WriteGroups(json, "whatAreWeGoingToDoAboutIt", SheetText.DoAboutIt, sheet, WriteMitigation);

        json.WriteStartObject("didWeDoAGoodEnoughJob");
        json.WriteString("question", SheetText.GoodEnough);
        json.WriteStartObject("totals");
        WriteCounts(json, sheet.Totals);
        json.WriteEndObject();
        WriteMatrix(json, sheet.Matrix);
        json.WriteStartArray("threats");
        foreach (var threat in sheet.Threats)
        {
            json.WriteStartObject();
            json.WriteString("id", threat.Rule.Id);
            json.WriteString("platform", threat.Rule.Platform.ToString());
            json.WriteString("stride", threat.Category.ToString());
            json.WriteString("mode", threat.Rule.Mode.ToString());
            json.WriteBoolean("audited", threat.Result.Audited);
            WriteCounts(json, threat.Result);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteGroups(Utf8JsonWriter json, string name, string question, CheatSheet sheet, Action<Utf8JsonWriter, ThreatEntry> writeThreat)
    {
        json.WriteStartObject(name);
        json.WriteString("question", question);
        json.WriteStartArray("platforms");
        foreach (var platform in sheet.Platforms)
        {
            json.WriteStartObject();
            json.WriteString("platform", platform.ToString());
            json.WriteStartArray("stride");
            foreach (var group in sheet.ByStride(platform))
            {
                json.WriteStartObject();
                json.WriteString("category", group.Key.ToString());
                json.WriteStartArray("threats");
                foreach (var threat in group)
                {
                    json.WriteStartObject();
                    writeThreat(json, threat);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteThreat(Utf8JsonWriter json, ThreatEntry threat)
    {
        var rule = threat.Rule;
        json.WriteString("id", rule.Id);
        json.WriteString("title", rule.Title);
        json.WriteString("severity", rule.Severity.ToString());
        json.WriteString("asset", rule.Asset.ToString());
        json.WriteStartArray("stride");
        foreach (var stride in rule.Stride)
        {
            json.WriteStringValue(stride.ToString());
        }

        json.WriteEndArray();
        json.WriteString("description", rule.Description);
        json.WriteString("exploitation", rule.Exploitation);
        json.WriteStartArray("references");
        foreach (var reference in rule.References)
        {
            json.WriteStartObject();
            json.WriteString("source", reference.Source);
            json.WriteString("id", reference.Id);
            ReportJson.WriteIf(json, "url", reference.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteMitigation(Utf8JsonWriter json, ThreatEntry threat)
    {
        var rule = threat.Rule;
        json.WriteString("id", rule.Id);
        json.WriteString("title", rule.Title);
        json.WriteString("mode", rule.Mode.ToString());
        json.WriteString("remediation", rule.Remediation);
        json.WriteStartArray("snippets");
        foreach (var snippet in rule.Snippets)
        {
            json.WriteStartObject();
            json.WriteString("language", snippet.Language);
            json.WriteString("code", snippet.Code);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteCounts(Utf8JsonWriter json, ThreatResult result)
    {
        json.WriteNumber("passed", result.Passed);
        json.WriteNumber("failed", result.Failed);
        json.WriteNumber("waived", result.Waived);
        json.WriteNumber("notEvaluated", result.NotEvaluated);
        json.WriteNumber("informational", result.Informational);
        if (result.WorstSeverity is { } worst)
        {
            json.WriteString("worstSeverity", worst.ToString());
        }
        else
        {
            json.WriteNull("worstSeverity");
        }

        json.WriteStartArray("worstTargets");
        foreach (var target in result.WorstTargets)
        {
            json.WriteStartObject();
            json.WriteString("target", target.Target);
            json.WriteString("severity", target.Severity.ToString());
            json.WriteString("message", target.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteMatrix(Utf8JsonWriter json, StrideAssetMatrix matrix)
    {
        json.WriteStartArray("matrix");
        foreach (var stride in matrix.Rows)
        {
            foreach (var asset in matrix.Columns)
            {
                var cell = matrix[stride, asset];
                json.WriteStartObject();
                json.WriteString("stride", stride.ToString());
                json.WriteString("asset", asset.ToString());
                json.WriteString("state", cell.State);
                json.WriteNumber("threatCount", cell.ThreatCount);
                json.WriteNumber("findingCount", cell.FindingCount);
                json.WriteNumber("openCount", cell.OpenCount);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }
}
