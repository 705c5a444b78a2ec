using System.Collections;
using System.Management.Automation;
using ContainerSecurity.Engine.Catalog;

namespace ContainerSecurity.Commands;

/// <summary>
/// Accepts findings as the audit cmdlets write them, and as they come back from Import-Clixml or remoting
/// (<c>Deserialized.ContainerSecurity.Finding</c>) or from any object with the same properties: the properties are
/// read by name, and what a copy lacks (title, STRIDE, platform, asset) is filled in from the rule catalog.
/// A copy serialized shallower than the types file asks (Export-Clixml -Depth 1) holds Target, Waiver and Evidence
/// as their display strings: those are read back from the display forms, and a waiver is trusted only as far as the
/// copy's own IsWaived says, so a flattened expired waiver never waives anything.
/// </summary>
internal static class FindingInput
{
    /// <summary>The finding, or an exception that says which property is missing or wrong.</summary>
    public static Finding Convert(PSObject input)
    {
        if (input.BaseObject is Finding finding)
        {
            return finding;
        }

        var ruleId = Text(input, "RuleId") ?? throw Invalid("RuleId");
        RuleCatalog.Default.TryGet(ruleId, out var rule);
        var status = Enum<FindingStatus>(input, "Status") ?? throw Invalid("Status");
        return new Finding
        {
            RuleId = ruleId,
            Title = Text(input, "Title") ?? rule?.Title ?? ruleId,
            Status = status,
            Severity = Enum<Severity>(input, "Severity") ?? rule?.Severity ?? throw Invalid("Severity"),
            Stride = StrideOf(input) ?? rule?.Stride ?? throw Invalid("Stride"),
            Platform = Enum<Platform>(input, "Platform") ?? rule?.Platform ?? throw Invalid("Platform"),
            Asset = Enum<Asset>(input, "Asset") ?? rule?.Asset ?? throw Invalid("Asset"),
            // A row of Export-ContainerSecurityReport's CSV (read back with Import-Csv) has the target's parts as columns.
            Target = Value(input, "Target") switch
            {
                null => FlatTarget(input),
                string display when Cell(input, "File") is null && Cell(input, "Name") is null && Cell(input, "Host") is null => TargetText.Parse(display),
                string => FlatTarget(input),
                var target => TargetOf(target),
            },
            Message = Text(input, "Message") ?? string.Empty,
            Evidence = Value(input, "Evidence") is string evidence ? EvidenceText(evidence) : EvidenceOf(Value(input, "Evidence")) ?? FlatEvidence(input),
            Remediation = Text(input, "Remediation") ?? rule?.Remediation ?? string.Empty,
            References = ReferencesOf(Value(input, "References")) ?? rule?.References ?? [],
            Waiver = Trusted(WaiverOf(Value(input, "Waiver")) ?? FlatWaiver(input), input),
        };
    }

    /// <summary>
    /// The waiver, expired unless every sign agrees it is not: its own IsExpired, its expiry date, and the copy's
    /// IsWaived (the one fact a depth-1 copy keeps, as a Boolean, when the waiver itself became a string).
    /// </summary>
    private static Waiver? Trusted(Waiver? waiver, PSObject input)
    {
        if (waiver is null || waiver.IsExpired)
        {
            return waiver;
        }

        var waivedByCopy = Value(input, "IsWaived") is not { } flag || (flag is string text ? bool.TryParse(text, out var parsed) && parsed : LanguagePrimitives.IsTrue(flag));
        var pastExpiry = waiver.Expires is { } expires && expires.Date < DateTime.Today;
        return waivedByCopy && !pastExpiry ? waiver : new Waiver
        {
            Reason = waiver.Reason,
            Expires = waiver.Expires,
            Container = waiver.Container,
            DeclaredIn = waiver.DeclaredIn,
            IsExpired = true,
        };
    }

    /// <summary>A waiver flattened to its display form, <c>reason (until yyyy-MM-dd)</c>.</summary>
    private static Waiver WaiverText(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^(?<reason>.*) \(until (?<expires>[0-9]{4}-[0-9]{2}-[0-9]{2})\)$", System.Text.RegularExpressions.RegexOptions.Singleline);
        return match.Success && DateTime.TryParseExact(match.Groups["expires"].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var expires)
            ? new Waiver { Reason = match.Groups["reason"].Value, Expires = expires }
            : new Waiver { Reason = text };
    }

    /// <summary>Evidence flattened to its display form, <c>observed (expected …; from …)</c>.</summary>
    private static Evidence EvidenceText(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^(?<observed>.*) \(expected (?<expected>.*); from (?<source>.*)\)$", System.Text.RegularExpressions.RegexOptions.Singleline);
        return match.Success
            ? new Evidence(match.Groups["observed"].Value, match.Groups["expected"].Value, match.Groups["source"].Value)
            : new Evidence(text, string.Empty, string.Empty);
    }

    private static InvalidDataException Invalid(string property) =>
        new(string.Format(Strings.FindingPropertyInvalid, property));

    private static object? Value(PSObject input, string name)
    {
        var value = input.Properties[name]?.Value;

        // Script-built objects may wrap plain values in a PSObject; nested objects stay PSObjects.
        return value is PSObject { BaseObject: string or ValueType } wrapped ? wrapped.BaseObject : value;
    }

    /// <summary>The items of a collection, however it arrived (an array, a deserialized ArrayList in a PSObject), or the one value.</summary>
    private static IEnumerable<object> Items(object value) => value switch
    {
        PSObject { BaseObject: IEnumerable list and not string } => list.Cast<object>(),
        IEnumerable list and not string => list.Cast<object>(),
        _ => [value],
    };

    private static string? Text(PSObject input, string name) => Value(input, name) is { } value ? value.ToString() : null;

    private static T? Enum<T>(PSObject input, string name)
        where T : struct, System.Enum
    {
        var value = Value(input, name);
        if (value is null)
        {
            return null;
        }

        return LanguagePrimitives.TryConvertTo<T>(value.ToString(), out var result) ? result : throw Invalid(name);
    }

    private static StrideCategory[]? StrideOf(PSObject input) => Value(input, "Stride") switch
    {
        null => null,
        // The CSV joins the categories with semicolons.
        string joined => joined.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Parse<StrideCategory>(v, "Stride")).ToArray(),
        var value => Items(value).Select(v => Parse<StrideCategory>(v.ToString()!, "Stride")).ToArray(),
    };

    private static T Parse<T>(string text, string property)
        where T : struct, System.Enum =>
        LanguagePrimitives.TryConvertTo<T>(text, out var result) ? result : throw Invalid(property);

    private static PSObject? AsObject(object? value) => value switch
    {
        null => null,
        PSObject ps => ps,
        var other => PSObject.AsPSObject(other),
    };

    private static FindingTarget TargetOf(object? value)
    {
        if (AsObject(value) is not { } target)
        {
            return new FindingTarget();
        }

        if (target.BaseObject is FindingTarget typed)
        {
            return typed;
        }

        return ReadTarget(target, Text);
    }

    private static FindingTarget FlatTarget(PSObject row) => ReadTarget(row, Cell);

    // A deserialized target and a CSV row carry the same columns; only how a text value is read differs.
    private static FindingTarget ReadTarget(PSObject source, Func<PSObject, string, string?> text) => new()
    {
        Host = text(source, "Host"),
        File = text(source, "File"),
        Line = Number(source, "Line"),
        Column = Number(source, "Column"),
        Namespace = text(source, "Namespace"),
        Kind = text(source, "Kind"),
        Name = text(source, "Name"),
        Container = text(source, "Container"),
        FieldPath = text(source, "FieldPath"),
    };

    private static Evidence? FlatEvidence(PSObject row) =>
        Cell(row, "Observed") is { } observed ? new Evidence(observed, Cell(row, "Expected") ?? string.Empty, Cell(row, "EvidenceSource") ?? string.Empty) : null;

    private static Waiver? FlatWaiver(PSObject row) =>
        // Parsed, not converted: PowerShell converts any non-empty string, "False" included, to $true.
        Cell(row, "IsWaived") is { } waived && bool.TryParse(waived, out var isWaived) && isWaived
            ? new Waiver
            {
                Reason = Cell(row, "WaiverReason") ?? string.Empty,
                Expires = Cell(row, "WaiverExpires") is { } e && LanguagePrimitives.TryConvertTo<DateTime>(e, out var date) ? date : null,
            }
            : null;

    /// <summary>A text property; an empty CSV cell counts as absent.</summary>
    private static string? Cell(PSObject row, string name) => Text(row, name) is { Length: > 0 } text ? text : null;

    private static int? Number(PSObject input, string name) =>
        Value(input, name) is { } value && LanguagePrimitives.TryConvertTo<int>(value, out var number) ? number : null;

    private static Evidence? EvidenceOf(object? value)
    {
        if (AsObject(value) is not { } evidence)
        {
            return null;
        }

        return evidence.BaseObject as Evidence
            ?? new Evidence(Text(evidence, "Observed") ?? string.Empty, Text(evidence, "Expected") ?? string.Empty, Text(evidence, "Source") ?? string.Empty);
    }

    private static RuleReference[]? ReferencesOf(object? value) =>
        // A flattened copy holds only the array's type name: the catalog's references are the ones it had.
        value is null or string ? null : Items(value).Select(AsObject).OfType<PSObject>()
            .Select(r => r.BaseObject as RuleReference ?? new RuleReference(Text(r, "Source") ?? string.Empty, Text(r, "Id") ?? string.Empty, Text(r, "Url")))
            .ToArray();

    private static Waiver? WaiverOf(object? value)
    {
        if (AsObject(value) is not { } waiver)
        {
            return null;
        }

        switch (waiver.BaseObject)
        {
            case Waiver typed:
                return typed;
            case string { Length: 0 }:
                return null;
            case string display:
                // Flattened: only the reason and expiry survive; whether it still applies comes from IsWaived.
                return WaiverText(display);
        }

        var expires = Value(waiver, "Expires") is { } e && LanguagePrimitives.TryConvertTo<DateTime>(e, out var date) ? date : (DateTime?)null;
        var isExpired = Value(waiver, "IsExpired") is { } x && LanguagePrimitives.IsTrue(x);
        return new Waiver
        {
            Reason = Text(waiver, "Reason") ?? string.Empty,
            Expires = expires,
            Container = Text(waiver, "Container"),
            DeclaredIn = Text(waiver, "DeclaredIn"),
            IsExpired = isExpired,
        };
    }
}
