using System.Globalization;
using System.Text.RegularExpressions;
using ContainerSecurity.Engine.Kubernetes.Sources;

namespace ContainerSecurity.Engine.Kubernetes.Waivers;

/// <summary>
/// One waiver declared as an annotation on a workload (or its pod template):
/// <c>waiver.containersecurity.io/KP002: "reason; expires=2026-12-31"</c>, or limited to one container with
/// <c>waiver.containersecurity.io/KP002.app</c>. A reason and an expiry date are both required, so no waiver is
/// silent or forever.
/// </summary>
public sealed partial class WaiverAnnotation
{
    /// <summary>The annotation prefix that declares waivers.</summary>
    public const string Prefix = "waiver.containersecurity.io/";

    private WaiverAnnotation(string annotation, string ruleId, string? container, ManifestNode node, Waiver? waiver, string? error)
    {
        Annotation = annotation;
        RuleId = ruleId;
        Container = container;
        Node = node;
        Waiver = waiver;
        Error = error;
    }

    /// <summary>The annotation name.</summary>
    public string Annotation { get; }

    /// <summary>The rule it waives.</summary>
    public string RuleId { get; }

    /// <summary>The container it is limited to, if any.</summary>
    public string? Container { get; }

    /// <summary>The annotation's value node (for its position).</summary>
    public ManifestNode Node { get; }

    /// <summary>The waiver, or <see langword="null"/> when the annotation is malformed.</summary>
    public Waiver? Waiver { get; }

    /// <summary>Why the annotation is malformed.</summary>
    public string? Error { get; }

    /// <summary>Parses an annotation; <see langword="null"/> when it is not a waiver annotation at all.</summary>
    public static WaiverAnnotation? Parse(string name, ManifestNode value, DateTime today)
    {
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var subject = name[Prefix.Length..];
        var dot = subject.IndexOf('.');
        var ruleId = (dot < 0 ? subject : subject[..dot]).ToUpperInvariant();
        var container = dot < 0 ? null : subject[(dot + 1)..];
        var text = value.Text ?? string.Empty;
        var match = ValueFormat().Match(text);
        if (!match.Success)
        {
            return new WaiverAnnotation(name, ruleId, container, value, null,
                $"the value must read \"<reason>; expires=<yyyy-MM-dd>\", not \"{text}\"");
        }

        if (!DateTime.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
        {
            return new WaiverAnnotation(name, ruleId, container, value, null, $"\"{match.Groups["date"].Value}\" is not a date (yyyy-MM-dd)");
        }

        var waiver = new Waiver
        {
            Reason = match.Groups["reason"].Value.Trim(),
            Expires = expires,
            Container = container,
            DeclaredIn = name,

            // A waiver is good through its expiry date.
            IsExpired = expires.Date < today.Date,
        };
        return new WaiverAnnotation(name, ruleId, container, value, waiver, null);
    }

    [GeneratedRegex(@"^\s*(?<reason>\S.*?)\s*;\s*expires\s*=\s*(?<date>\S+)\s*$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ValueFormat();
}
