using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// Writes findings as a SARIF 2.1.0 log for code-scanning upload: a rule with help text for every rule that has a
/// finding, a physical location (file, line, column) for findings about files, a logical location for live objects
/// and hosts, and a suppression for waived findings.
/// </summary>
public static class SarifReportWriter
{
    private const string SourceRootId = "SRCROOT";

    /// <param name="sourceRoot">Files under this directory get URIs relative to it (what code scanning expects).</param>
    /// <param name="toolVersion">The module version.</param>
    public static void Write(IReadOnlyList<Finding> findings, RuleCatalog catalog, Stream output, string? sourceRoot, string toolVersion)
    {
        var rules = findings.Select(f => f.RuleId).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.OrdinalIgnoreCase);
        var root = sourceRoot is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot)) + Path.DirectorySeparatorChar;

        using var json = ReportJson.Open(output);
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "ContainerSecurity");
        json.WriteString("semanticVersion", toolVersion);
        json.WriteStartArray("rules");
        foreach (var id in rules)
        {
            WriteRule(json, catalog.TryGet(id, out var rule) ? rule : null, findings.First(f => string.Equals(f.RuleId, id, StringComparison.OrdinalIgnoreCase)));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        if (root is not null)
        {
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SourceRootId);
            json.WriteString("uri", new Uri(root).AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteStartArray("results");
        foreach (var finding in findings)
        {
            WriteResult(json, finding, ruleIndex[finding.RuleId], root);
        }

        json.WriteEndArray();
        json.WriteString("columnKind", "unicodeCodePoints");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The level of a failed finding: what code scanning shows as error, warning or note.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>The numeric severity GitHub code scanning reads from a rule's <c>security-severity</c> property.</summary>
    public static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "0.0",
    };

    private static void WriteRule(Utf8JsonWriter json, SecurityRule? rule, Finding sample)
    {
        json.WriteStartObject();
        json.WriteString("id", sample.RuleId);
        json.WriteString("name", sample.RuleId);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule?.Title ?? sample.Title);
        json.WriteEndObject();
        if (rule is not null)
        {
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description);
            json.WriteEndObject();
        }

        var remediation = rule?.Remediation ?? sample.Remediation;
        var snippets = rule?.Snippets ?? [];
        json.WriteStartObject("help");
        json.WriteString("text", remediation + string.Concat(snippets.Select(s => "\n\n" + s.Code)));
        var markdown = new StringBuilder(remediation);
        foreach (var snippet in snippets)
        {
            markdown.Append("\n\n```").Append(snippet.Language).Append('\n').Append(snippet.Code).Append("\n```");
        }

        var references = rule?.References ?? sample.References;
        if (references.Length > 0)
        {
            markdown.Append("\n\nReferences: ").AppendJoin(", ", references.Select(r => r.Url is null ? $"{r.Source} {r.Id}" : $"[{r.Source} {r.Id}]({r.Url})"));
        }

        json.WriteString("markdown", markdown.ToString());
        json.WriteEndObject();
        var helpUri = references.Select(r => r.Url).FirstOrDefault(u => u is not null && Uri.IsWellFormedUriString(u, UriKind.Absolute));
        if (helpUri is not null)
        {
            json.WriteString("helpUri", helpUri);
        }

        var severity = rule?.Severity ?? sample.Severity;
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        json.WriteStringValue("security");
        json.WriteStringValue((rule?.Platform ?? sample.Platform).ToString());
        json.WriteStringValue((rule?.Asset ?? sample.Asset).ToString());
        foreach (var stride in rule?.Stride ?? sample.Stride)
        {
            json.WriteStringValue(stride.ToString());
        }

        json.WriteEndArray();
        json.WriteString("security-severity", SecuritySeverity(severity));
        json.WriteString("precision", "high");
        json.WriteString("problem.severity", Level(severity) == "note" ? "recommendation" : Level(severity));
        if (rule is not null)
        {
            json.WriteString("checkMode", rule.Mode.ToString());
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex, string? root)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        var (kind, level) = finding.Status switch
        {
            FindingStatus.Fail => ("fail", Level(finding.Severity)),
            FindingStatus.Warn => ("fail", "warning"),
            FindingStatus.Pass => ("pass", "none"),
            FindingStatus.NotApplicable => ("notApplicable", "none"),
            FindingStatus.Manual => ("review", "none"),
            FindingStatus.Error => ("open", "none"),
            _ => ("informational", "none"),
        };
        json.WriteString("kind", kind);
        json.WriteString("level", level);
        json.WriteStartObject("message");
        json.WriteString("text", finding.Message);
        json.WriteEndObject();

        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (finding.Target.File is { } file)
        {
            WritePhysicalLocation(json, finding.Target, file, root);
        }

        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        var (name, fullName, logicalKind) = Logical(finding.Target);
        json.WriteString("name", name);
        json.WriteString("fullyQualifiedName", fullName);
        json.WriteString("kind", logicalKind);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        // Code scanning keys alerts on this for locations it cannot fingerprint from file contents.
        json.WriteStartObject("partialFingerprints");
        json.WriteString("containerSecurity/v1", Fingerprint(finding));
        json.WriteEndObject();

        if (finding.IsWaived)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", finding.Waiver!.ToString());
            if (finding.Waiver.DeclaredIn is { } declaredIn)
            {
                json.WriteStartObject("location");
                json.WriteStartObject("message");
                json.WriteString("text", declaredIn);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("status", finding.Status.ToString());
        json.WriteString("severity", finding.Severity.ToString());
        json.WriteString("platform", finding.Platform.ToString());
        json.WriteString("asset", finding.Asset.ToString());
        json.WriteStartArray("stride");
        foreach (var stride in finding.Stride)
        {
            json.WriteStringValue(stride.ToString());
        }

        json.WriteEndArray();
        json.WriteString("target", finding.Target.ToString());
        ReportJson.WriteIf(json, "fieldPath", finding.Target.FieldPath);
        if (finding.Evidence is { } evidence)
        {
            json.WriteStartObject("evidence");
            json.WriteString("observed", evidence.Observed);
            json.WriteString("expected", evidence.Expected);
            json.WriteString("source", evidence.Source);
            json.WriteEndObject();
        }

        json.WriteString("remediation", finding.Remediation);
        if (finding.Waiver is { IsExpired: true } expired)
        {
            json.WriteString("expiredWaiver", expired.ToString());
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, FindingTarget target, string file, string? root)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        var (uri, relativeToRoot) = ArtifactUri(file, root);
        json.WriteString("uri", uri);
        if (relativeToRoot)
        {
            json.WriteString("uriBaseId", SourceRootId);
        }

        json.WriteEndObject();
        if (target.Line is { } line and > 0)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", line);
            if (target.Column is { } column and > 0)
            {
                json.WriteNumber("startColumn", column);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>A relative URI (with forward slashes, percent-encoded) under the root, else an absolute file URI.</summary>
    internal static (string Uri, bool RelativeToRoot) ArtifactUri(string file, string? root)
    {
        if (!Path.IsPathRooted(file))
        {
            return (EscapePath(file.Replace('\\', '/')), root is not null);
        }

        var full = Path.GetFullPath(file);
        if (root is not null && full.StartsWith(root, StringComparison.Ordinal))
        {
            return (EscapePath(full[root.Length..].Replace('\\', '/')), true);
        }

        return (new Uri(full).AbsoluteUri, false);
    }

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static (string Name, string FullName, string Kind) Logical(FindingTarget target)
    {
        if (target.Name is not null)
        {
            var parts = new[] { target.Namespace, target.Kind, target.Name, target.Container }.Where(p => p is not null);
            return (target.Container ?? target.Name, string.Join('/', parts), target.Container is null ? "resource" : "container");
        }

        if (target.Host is not null)
        {
            return (target.Host, target.Host, "host");
        }

        var display = target.ToString();
        return (display, display, target.File is null ? "object" : "file");
    }

    private static string Fingerprint(Finding finding)
    {
        var t = finding.Target;
        var key = string.Join('\u001f', finding.RuleId, t.Host, t.File, t.Namespace, t.Kind, t.Name, t.Container, t.FieldPath);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32].ToLowerInvariant();
    }
}
