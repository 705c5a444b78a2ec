using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Internal;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Sort-Object for hosts whose engine lacks Microsoft.PowerShell.Utility: sorts by property values with
/// PowerShell's comparison rules (enums by value, strings case-insensitively unless -CaseSensitive).
/// The sort is always stable.
/// </summary>
// "Sort" is not among the standard verb constants; PowerShell's own Sort-Object spells it out too.
[Cmdlet("Sort", "Object", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(PSObject))]
public sealed class SortObjectCommand : PSCmdlet
{
    private const string DefaultSet = "Default";
    private const string TopSet = "Top";
    private const string BottomSet = "Bottom";

    private readonly List<PSObject> _input = [];

    /// <summary>The objects to sort.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// The keys to sort by, most significant first: property names, script blocks, or hashtables with
    /// Expression and Ascending/Descending. Without it, the objects' default key properties or the objects themselves.
    /// </summary>
    [Parameter(Position = 0)]
    public object[]? Property { get; set; }

    /// <summary>Sorts in descending order (a hashtable key's own Ascending/Descending wins).</summary>
    [Parameter]
    public SwitchParameter Descending { get; set; }

    /// <summary>Drops objects whose keys equal those of an object already kept.</summary>
    [Parameter]
    public SwitchParameter Unique { get; set; }

    /// <summary>Compares strings case-sensitively.</summary>
    [Parameter]
    public SwitchParameter CaseSensitive { get; set; }

    /// <summary>Accepted for compatibility; this sort is always stable.</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    public SwitchParameter Stable { get; set; }

    /// <summary>Returns only the first this-many objects of the sorted result.</summary>
    [Parameter(ParameterSetName = TopSet, Mandatory = true)]
    [ValidateRange(1, int.MaxValue)]
    public int Top { get; set; }

    /// <summary>Returns only the last this-many objects of the sorted result, still in sorted order.</summary>
    [Parameter(ParameterSetName = BottomSet, Mandatory = true)]
    [ValidateRange(1, int.MaxValue)]
    public int Bottom { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is not null && InputObject != AutomationNull.Value)
        {
            _input.Add(InputObject);
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_input.Count == 0)
        {
            return;
        }

        var evaluator = KeyEvaluator.Create(this, Property, _input[0],
            PropertyArgument.ExpressionKey, PropertyArgument.AscendingKey, PropertyArgument.DescendingKey);
        var ascending = evaluator.Keys?.Select(k => k.Ascending ?? !Descending.IsPresent).ToArray() ?? [!Descending.IsPresent];
        var comparer = new KeyedObjectComparer(new PowerShellValueComparer(CaseSensitive, CultureInfo.CurrentCulture), ascending);

        // LINQ's OrderBy is a stable sort: equal keys keep their input order.
        IEnumerable<KeyedObject> sorted = _input.Select(evaluator.Evaluate).OrderBy(o => o, comparer).ToList();
        if (Unique)
        {
            sorted = DropAdjacentDuplicates(sorted, comparer);
        }

        if (ParameterSetName == TopSet)
        {
            sorted = sorted.Take(Top);
        }
        else if (ParameterSetName == BottomSet)
        {
            sorted = sorted.TakeLast(Bottom);
        }

        foreach (var item in sorted)
        {
            WriteObject(item.Input);
        }
    }

    // After sorting, equal keys are adjacent, so uniqueness only needs the previous kept item.
    private static IEnumerable<KeyedObject> DropAdjacentDuplicates(IEnumerable<KeyedObject> sorted, KeyedObjectComparer comparer)
    {
        KeyedObject? previous = null;
        foreach (var item in sorted)
        {
            if (previous is null || comparer.Compare(previous, item) != 0)
            {
                yield return item;
                previous = item;
            }
        }
    }
}
