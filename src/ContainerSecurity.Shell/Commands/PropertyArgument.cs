using System.Collections;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// One element of a -Property argument as Select-Object, Sort-Object and Group-Object accept it: a property
/// name (wildcards allowed), a script block, or a hashtable such as <c>@{Name='x'; Expression={...}}</c>.
/// </summary>
/// <remarks>
/// Evaluation goes through the engine's public <see cref="PSPropertyExpression"/>, so wildcard resolution and
/// <c>$_</c> binding in script blocks are PowerShell's own.
/// </remarks>
internal sealed class PropertyArgument
{
    internal const string NameKey = "Name";
    internal const string LabelKey = "Label";
    internal const string ExpressionKey = "Expression";
    internal const string AscendingKey = "Ascending";
    internal const string DescendingKey = "Descending";

    private PropertyArgument(PSPropertyExpression expression, string? name, bool? ascending)
    {
        Expression = expression;
        Name = name;
        Ascending = ascending;
    }

    /// <summary>The expression to evaluate against each input object.</summary>
    internal PSPropertyExpression Expression { get; }

    /// <summary>The Name/Label of a calculated property; null when the expression names itself.</summary>
    internal string? Name { get; }

    /// <summary>A per-key sort direction from Ascending/Descending; null to follow -Descending.</summary>
    internal bool? Ascending { get; }

    /// <summary>
    /// Parses a -Property argument list; <paramref name="allowedKeys"/> are the hashtable keys the calling cmdlet
    /// accepts. Like PowerShell, a key may be abbreviated to any unambiguous prefix (<c>n</c>, <c>e</c>, <c>l</c>).
    /// </summary>
    internal static List<PropertyArgument> Parse(PSCmdlet cmdlet, IEnumerable<object?> values, params string[] allowedKeys)
    {
        var result = new List<PropertyArgument>();
        foreach (var raw in values)
        {
            var value = raw is PSObject wrapped ? wrapped.BaseObject : raw;
            switch (value)
            {
                case null:
                    break;
                case ScriptBlock script:
                    result.Add(new PropertyArgument(new PSPropertyExpression(script), null, null));
                    break;
                case IDictionary table:
                    result.Add(FromHashtable(cmdlet, table, allowedKeys));
                    break;
                default:
                    result.Add(new PropertyArgument(new PSPropertyExpression(value.ToString() ?? string.Empty), null, null));
                    break;
            }
        }

        return result;
    }

    private static PropertyArgument FromHashtable(PSCmdlet cmdlet, IDictionary table, string[] allowedKeys)
    {
        PSPropertyExpression? expression = null;
        string? name = null;
        bool? ascending = null;
        foreach (DictionaryEntry entry in table)
        {
            var key = ResolveKey(cmdlet, table, entry.Key?.ToString() ?? string.Empty, allowedKeys);
            var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            switch (key)
            {
                case ExpressionKey:
                    expression = value switch
                    {
                        ScriptBlock script => new PSPropertyExpression(script),
                        string text => new PSPropertyExpression(text),
                        _ => throw Terminate(cmdlet, table, "DictionaryKeyUnknownType",
                            "The Expression key has a type that is not valid; use a string or a script block."),
                    };
                    break;
                case NameKey or LabelKey:
                    if (name is not null)
                    {
                        throw Terminate(cmdlet, table, "DictionaryKeyDuplicate", "The Name and Label keys cannot both be given.");
                    }

                    name = value?.ToString();
                    break;
                case AscendingKey:
                    ascending = LanguagePrimitives.IsTrue(value);
                    break;
                case DescendingKey:
                    ascending = !LanguagePrimitives.IsTrue(value);
                    break;
            }
        }

        if (expression is null)
        {
            throw Terminate(cmdlet, table, "DictionaryKeyMandatoryEntry", "The Expression key is missing.");
        }

        return new PropertyArgument(expression, name, ascending);
    }

    private static string ResolveKey(PSCmdlet cmdlet, IDictionary table, string key, string[] allowedKeys)
    {
        var matches = allowedKeys.Where(k => key.Length > 0 && k.StartsWith(key, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw Terminate(cmdlet, table, "DictionaryKeyIllegal",
                $"The {key} key is not valid. Valid keys are: {string.Join(", ", allowedKeys)}."),
            _ => throw Terminate(cmdlet, table, "DictionaryKeyAmbiguous",
                $"The {key} key is ambiguous; it could be {string.Join(" or ", matches)}."),
        };
    }

    // ThrowTerminatingError never returns; the throw at the call sites keeps the compiler's flow analysis honest.
    private static Exception Terminate(PSCmdlet cmdlet, object target, string errorId, string message)
    {
        var exception = new NotSupportedException(message);
        cmdlet.ThrowTerminatingError(new ErrorRecord(exception, errorId, ErrorCategory.InvalidArgument, target));
        return exception;
    }
}
