using System.Collections;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Internal;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Group-Object for hosts whose engine lacks Microsoft.PowerShell.Utility: groups objects whose key values are
/// equal (strings case-insensitively unless -CaseSensitive) and writes one GroupInfo-shaped object per group.
/// </summary>
/// <remarks>
/// The engine's built-in views for Microsoft.PowerShell.Commands.GroupInfo render the output, so it looks as in
/// pwsh. As PowerShell 7 does, groups come out sorted by key when all keys share a type, otherwise in order of
/// first appearance; objects inside a group keep their input order.
/// </remarks>
[Cmdlet(VerbsData.Group, "Object")]
[OutputType(GroupInfoTypeName)]
public sealed class GroupObjectCommand : PSCmdlet
{
    private const string GroupInfoTypeName = "Microsoft.PowerShell.Commands.GroupInfo";
    private const string GroupInfoNoElementTypeName = "Microsoft.PowerShell.Commands.GroupInfoNoElement";

    private readonly List<KeyedObject> _input = [];
    private KeyEvaluator? _evaluator;

    /// <summary>The objects to group.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The keys to group by: property names, script blocks, or hashtables with an Expression key.</summary>
    [Parameter(Position = 0)]
    public object[]? Property { get; set; }

    /// <summary>Leaves the member objects out of the output (Group stays empty; Count still counts them).</summary>
    [Parameter]
    public SwitchParameter NoElement { get; set; }

    /// <summary>Compares string keys case-sensitively.</summary>
    [Parameter]
    public SwitchParameter CaseSensitive { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is null || InputObject == AutomationNull.Value)
        {
            return;
        }

        _evaluator ??= KeyEvaluator.Create(this, Property, InputObject, PropertyArgument.ExpressionKey);
        _input.Add(_evaluator.Evaluate(InputObject));
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_input.Count == 0)
        {
            return;
        }

        var comparer = new KeyedObjectComparer(
            new PowerShellValueComparer(CaseSensitive, CultureInfo.CurrentCulture),
            Enumerable.Repeat(true, _input[0].Keys.Length).ToArray());

        foreach (var group in KeysShareTypes() ? GroupSorted(comparer) : GroupByFirstAppearance(comparer))
        {
            WriteObject(ToGroupInfo(group));
        }
    }

    // Same-typed keys: a stable sort puts equal keys next to each other, so one pass groups them (n log n).
    private IEnumerable<List<KeyedObject>> GroupSorted(KeyedObjectComparer comparer)
    {
        List<KeyedObject>? current = null;
        foreach (var item in _input.OrderBy(o => o, comparer))
        {
            if (current is not null && comparer.Compare(current[0], item) == 0)
            {
                current.Add(item);
                continue;
            }

            if (current is not null)
            {
                yield return current;
            }

            current = [item];
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    // Mixed key types have no meaningful order; PowerShell then keeps groups in order of first appearance.
    private List<List<KeyedObject>> GroupByFirstAppearance(KeyedObjectComparer comparer)
    {
        var groups = new List<List<KeyedObject>>();
        foreach (var item in _input)
        {
            var group = groups.Find(g => comparer.Compare(g[0], item) == 0);
            if (group is null)
            {
                groups.Add([item]);
            }
            else
            {
                group.Add(item);
            }
        }

        return groups;
    }

    private bool KeysShareTypes()
    {
        for (int i = 0; i < _input[0].Keys.Length; i++)
        {
            var types = _input.Select(o => PowerShellValueComparer.Unwrap(o.Keys[i].Value)?.GetType()).OfType<Type>().Distinct().Take(2);
            if (types.Count() > 1)
            {
                return false;
            }
        }

        return true;
    }

    private PSObject ToGroupInfo(List<KeyedObject> members)
    {
        var keys = members[0].Keys;
        var info = new PSObject();
        info.TypeNames.Clear();
        if (NoElement)
        {
            info.TypeNames.Add(GroupInfoNoElementTypeName);
        }

        info.TypeNames.Add(GroupInfoTypeName);
        info.TypeNames.Add(typeof(object).FullName!);

        // The same members, in the same order, as the real GroupInfo class.
        info.Properties.Add(new PSNoteProperty("Values", new ArrayList(keys.Select(k => k.Value).ToArray())));
        info.Properties.Add(new PSNoteProperty("Count", members.Count));
        info.Properties.Add(new PSNoteProperty("Group",
            new Collection<PSObject>(NoElement ? [] : members.Select(m => m.Input).ToList())));
        info.Properties.Add(new PSNoteProperty("Name", BuildName(keys)));
        return info;
    }

    // "a, b" for several keys; a collection-valued key shows as "{x, y}", as in PowerShell.
    private static string BuildName(KeyValue[] keys)
    {
        var parts = keys.Select(k => k.Value).OfType<object>().Select(value => PowerShellValueComparer.Unwrap(value) is ICollection items
            ? "{" + string.Join(", ", items.Cast<object?>().Select(Format)) + "}"
            : Format(value));
        return string.Join(", ", parts);
    }

    private static string Format(object? value) => string.Format(CultureInfo.CurrentCulture, "{0}", value);
}
