using System.Globalization;
using System.Text;
using System.Xml;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// Writes findings as JUnit XML, the format CI servers show as test results: one test suite per rule, one test
/// case per rule × target. A failed finding is a failure carrying the evidence and the remediation; a waived one is
/// skipped with the waiver's reason; one that could not be evaluated is an error.
/// </summary>
public static class JUnitReportWriter
{
    public static void Write(IReadOnlyList<Finding> findings, Stream output, string suiteName, DateTimeOffset timestamp)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = false };
        using var xml = XmlWriter.Create(output, settings);
        var cases = findings
            .GroupBy(f => (f.RuleId, Target: f.Target.ToString()))
            .Select(g => Worst(g.ToList()))
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", Clean(suiteName));
        WriteCounts(xml, cases.SelectMany(g => g).ToList());
        xml.WriteAttributeString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        foreach (var rule in cases)
        {
            var suite = rule.ToList();
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", Clean($"{rule.Key} {suite[0].Title}"));
            WriteCounts(xml, suite);
            xml.WriteAttributeString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            foreach (var finding in suite.OrderBy(f => f.Target.ToString(), StringComparer.Ordinal))
            {
                WriteCase(xml, finding);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>One rule × target is one test case: when a check reported it more than once, the worst result stands.</summary>
    private static Finding Worst(List<Finding> findings) =>
        findings.OrderBy(f => FindingOutcomes.Of(f) switch
        {
            FindingOutcome.Failed => 0,
            FindingOutcome.NotEvaluated => 1,
            FindingOutcome.Waived => 2,
            FindingOutcome.Passed => 4,
            _ => 3,
        }).ThenByDescending(f => f.Severity).First();

    private static void WriteCounts(XmlWriter xml, List<Finding> findings)
    {
        xml.WriteAttributeString("tests", Count(findings.Count));
        xml.WriteAttributeString("failures", Count(findings.Count(f => FindingOutcomes.Of(f) == FindingOutcome.Failed)));
        xml.WriteAttributeString("errors", Count(findings.Count(f => FindingOutcomes.Of(f) == FindingOutcome.NotEvaluated)));
        xml.WriteAttributeString("skipped", Count(findings.Count(f => FindingOutcomes.Of(f) is FindingOutcome.Waived or FindingOutcome.Informational)));
        xml.WriteAttributeString("time", "0");
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void WriteCase(XmlWriter xml, Finding finding)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", Clean($"ContainerSecurity.{finding.Platform}.{finding.RuleId}"));
        xml.WriteAttributeString("name", Clean(finding.Target.ToString()));
        if (finding.Target.File is { } file)
        {
            xml.WriteAttributeString("file", Clean(file));
            if (finding.Target.Line is { } line)
            {
                xml.WriteAttributeString("line", Count(line));
            }
        }

        xml.WriteAttributeString("time", "0");
        switch (FindingOutcomes.Of(finding))
        {
            case FindingOutcome.Failed:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean(finding.Message));
                xml.WriteAttributeString("type", $"{finding.Severity}");
                xml.WriteString(Clean(Details(finding)));
                xml.WriteEndElement();
                break;
            case FindingOutcome.NotEvaluated:
                xml.WriteStartElement("error");
                xml.WriteAttributeString("message", Clean(finding.Message));
                xml.WriteAttributeString("type", "NotEvaluated");
                xml.WriteString(Clean(Details(finding)));
                xml.WriteEndElement();
                break;
            case FindingOutcome.Waived:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", Clean($"Waived: {finding.Waiver}"));
                xml.WriteEndElement();
                break;
            case FindingOutcome.Informational:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", Clean($"{finding.Status}: {finding.Message}"));
                xml.WriteEndElement();
                break;
        }

        xml.WriteElementString("system-out", Clean($"[{finding.Status}] {finding.Severity} {finding.RuleId} {finding.Title}: {finding.Message}"));
        xml.WriteEndElement();
    }

    private static string Details(Finding finding)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{finding.RuleId} {finding.Title} ({finding.Severity}; {string.Join(", ", finding.Stride)})\n");
        text.Append(CultureInfo.InvariantCulture, $"Target: {finding.Target}\n");
        if (finding.Target.FieldPath is { } field)
        {
            text.Append(CultureInfo.InvariantCulture, $"Field: {field}\n");
        }

        if (finding.Evidence is { } evidence)
        {
            text.Append(CultureInfo.InvariantCulture, $"Observed: {evidence.Observed}\nExpected: {evidence.Expected}\nSource: {evidence.Source}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Remediation: {finding.Remediation}\n");
        if (finding.Waiver is { IsExpired: true } expired)
        {
            text.Append(CultureInfo.InvariantCulture, $"Expired waiver (no longer applies): {expired}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// XML 1.0 cannot carry most control characters at all, not even escaped: they become U+FFFD. So do DEL and the
    /// C1 controls, which XML allows but a terminal showing the report would act on.
    /// </summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append((XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)) && c is not (>= '\u007F' and <= '\u009F') ? c : '\uFFFD');
        }

        return builder.ToString();
    }
}
