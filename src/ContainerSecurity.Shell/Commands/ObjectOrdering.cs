using System.Globalization;
using System.Management.Automation;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Compares two values as Sort-Object and Group-Object do: through <see cref="LanguagePrimitives.TryCompare(object, object, bool, IFormatProvider, out int)"/>
/// (so numbers compare numerically, enums by value, strings case-insensitively by default), falling back to
/// the values' string forms when they are not comparable. Never throws.
/// </summary>
internal sealed class PowerShellValueComparer(bool caseSensitive, CultureInfo culture) : IComparer<object?>
{
    /// <summary>The value a <see cref="PSObject"/> wraps, or the value itself.</summary>
    internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    public int Compare(object? x, object? y)
    {
        x = Unwrap(x);
        y = Unwrap(y);
        if (x is null && y is null)
        {
            return 0;
        }

        if (LanguagePrimitives.TryCompare(x, y, !caseSensitive, culture, out int result))
        {
            return result;
        }

        var options = caseSensitive ? CompareOptions.None : CompareOptions.IgnoreCase;
        return culture.CompareInfo.Compare(PSObject.AsPSObject(x).ToString(), PSObject.AsPSObject(y).ToString(), options);
    }
}

/// <summary>One input object with the key values it was ordered or grouped by.</summary>
internal sealed record KeyedObject(PSObject Input, KeyValue[] Keys);

/// <summary>A key value; <see cref="Exists"/> is false when the object has no such property.</summary>
internal readonly record struct KeyValue(object? Value, bool Exists);

/// <summary>
/// Evaluates the sort/group keys of input objects. With no -Property, PowerShell uses the first object's
/// DefaultKeyPropertySet, or else compares the objects themselves.
/// </summary>
internal sealed class KeyEvaluator
{
    private readonly PSCmdlet _cmdlet;
    private readonly List<PropertyArgument>? _keys;

    private KeyEvaluator(PSCmdlet cmdlet, List<PropertyArgument>? keys)
    {
        _cmdlet = cmdlet;
        _keys = keys;
    }

    /// <summary>The key definitions in use; null when the objects themselves are the key.</summary>
    internal IReadOnlyList<PropertyArgument>? Keys => _keys;

    internal static KeyEvaluator Create(PSCmdlet cmdlet, object[]? property, PSObject firstInput, params string[] allowedKeys)
    {
        if (property is { Length: > 0 })
        {
            return new KeyEvaluator(cmdlet, PropertyArgument.Parse(cmdlet, property, allowedKeys));
        }

        var defaults = DefaultKeyPropertyNames(firstInput);
        return new KeyEvaluator(cmdlet, defaults is null ? null : PropertyArgument.Parse(cmdlet, defaults));
    }

    internal KeyedObject Evaluate(PSObject input)
    {
        if (_keys is null)
        {
            return new KeyedObject(input, [new KeyValue(input.BaseObject, true)]);
        }

        var values = new KeyValue[_keys.Count];
        for (int i = 0; i < values.Length; i++)
        {
            // Aliases are not expanded and exceptions are captured, as in PowerShell's own ordering.
            var results = _keys[i].Expression.GetValues(input, false, true);
            if (results.Count == 0)
            {
                values[i] = new KeyValue(null, false);
            }
            else if (results[0].Exception is { } exception)
            {
                _cmdlet.WriteError(new ErrorRecord(exception, "ExpressionEvaluation", ErrorCategory.InvalidResult, input));
                values[i] = new KeyValue(null, true);
            }
            else
            {
                values[i] = new KeyValue(results[0].Result, true);
            }
        }

        return new KeyedObject(input, values);
    }

    private static string[]? DefaultKeyPropertyNames(PSObject input)
    {
        return input.Members["PSStandardMembers"] is PSMemberSet standard
            && standard.Members["DefaultKeyPropertySet"] is PSPropertySet keys
            && keys.ReferencedPropertyNames.Count > 0
            ? [.. keys.ReferencedPropertyNames]
            : null;
    }
}

/// <summary>
/// Orders <see cref="KeyedObject"/>s key by key, each key ascending or descending. An object that lacks a key
/// property sorts after those that have it whatever the direction, as in PowerShell.
/// </summary>
internal sealed class KeyedObjectComparer(PowerShellValueComparer values, bool[] ascending) : IComparer<KeyedObject>
{
    public int Compare(KeyedObject? x, KeyedObject? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        for (int i = 0; i < ascending.Length; i++)
        {
            KeyValue a = x.Keys[i], b = y.Keys[i];
            int result = (a.Exists, b.Exists) switch
            {
                (true, true) => values.Compare(a.Value, b.Value) * (ascending[i] ? 1 : -1),
                (true, false) => -1,
                (false, true) => 1,
                _ => 0,
            };
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }
}
