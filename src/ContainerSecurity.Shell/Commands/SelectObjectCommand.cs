using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Internal;
using Microsoft.PowerShell.Commands;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Select-Object for hosts whose engine lacks Microsoft.PowerShell.Utility: picks objects by position
/// (-First, -Last, -Skip), projects them onto properties (names with wildcards, calculated properties), expands
/// one property, or removes duplicates.
/// </summary>
[Cmdlet(VerbsCommon.Select, "Object")]
[OutputType(typeof(PSObject))]
public sealed class SelectObjectCommand : PSCmdlet
{
    private readonly Queue<PSObject> _tail = new();
    private readonly List<(PSObject Written, int NoteCount)> _uniques = [];
    private List<PropertyArgument>? _properties;
    private PSPropertyExpression? _expand;
    private bool _firstOrLastGiven;
    private bool _skipCountsFromEnd;
    private int _skipped;
    private int _streamed;

    /// <summary>The objects to select from.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// The properties to keep: names (wildcards allowed), script blocks, or hashtables
    /// <c>@{Name='x'; Expression={...}}</c> (Label, N and L also name the property; E is Expression).
    /// </summary>
    [Parameter(Position = 0)]
    public object[]? Property { get; set; }

    /// <summary>Outputs the value of this property (each element if it is a collection) instead of a projection.</summary>
    [Parameter]
    public string? ExpandProperty { get; set; }

    /// <summary>Outputs only objects unlike every one already output (compared on the selected properties).</summary>
    [Parameter]
    public SwitchParameter Unique { get; set; }

    /// <summary>With -Unique, compares strings case-insensitively.</summary>
    [Parameter]
    public SwitchParameter CaseInsensitive { get; set; }

    /// <summary>Outputs only this many objects from the end of the input.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Last { get; set; }

    /// <summary>Outputs only this many objects from the start of the input.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int First { get; set; }

    /// <summary>Skips this many objects: from the start, or from the end when -Last is given without -First.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Skip { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (Property is { Length: > 0 })
        {
            _properties = PropertyArgument.Parse(this, Property,
                PropertyArgument.NameKey, PropertyArgument.LabelKey, PropertyArgument.ExpressionKey);
        }

        if (!string.IsNullOrEmpty(ExpandProperty))
        {
            _expand = new PSPropertyExpression(ExpandProperty);
        }

        _firstOrLastGiven = MyInvocation.BoundParameters.ContainsKey(nameof(First)) || MyInvocation.BoundParameters.ContainsKey(nameof(Last));
        _skipCountsFromEnd = Last > 0 && First == 0;
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is null || InputObject == AutomationNull.Value)
        {
            return;
        }

        if (!_skipCountsFromEnd && _skipped < Skip)
        {
            _skipped++;
        }
        else if (!_firstOrLastGiven || _streamed < First)
        {
            _streamed++;
            Select(InputObject);
        }
        else if (Last > 0)
        {
            // Only the last (Last + trailing Skip) objects can still be output.
            _tail.Enqueue(InputObject);
            if (_tail.Count > Last + (_skipCountsFromEnd ? Skip : 0))
            {
                _tail.Dequeue();
            }
        }

        // Otherwise -First is satisfied. PowerShell would stop the upstream commands here, but the exception
        // it uses for that is internal to the engine, so the rest of the input is read and ignored.
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        int keep = _tail.Count - (_skipCountsFromEnd ? Skip : 0);
        foreach (var item in _tail.Take(Math.Max(0, keep)))
        {
            Select(item);
        }

        // -Unique output waits for the end, as in PowerShell.
        foreach (var (written, _) in _uniques)
        {
            WriteObject(written);
        }
    }

    private void Select(PSObject input)
    {
        if (_properties is null && _expand is null)
        {
            Emit(input, input, []);
            return;
        }

        var notes = new List<PSNoteProperty>();
        foreach (var property in _properties ?? [])
        {
            AddNotes(property, input, notes);
        }

        if (_expand is null)
        {
            var projection = new PSObject();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var note in notes)
            {
                if (names.Add(note.Name))
                {
                    projection.Properties.Add(note);
                }
                else
                {
                    WriteAlreadyExists(note.Name, input, "AlreadyExistingUserSpecifiedPropertyNoExpand");
                }
            }

            Emit(projection, input, notes);
        }
        else
        {
            Expand(input, notes);
        }
    }

    private void AddNotes(PropertyArgument property, PSObject input, List<PSNoteProperty> notes)
    {
        var results = property.Expression.ResolveNames(input).SelectMany(name => name.GetValues(input)).ToList();
        if (results.Count == 0 && !property.Expression.HasWildCardCharacters)
        {
            // A plain name the object lacks still becomes a (null) property, as in PowerShell.
            results.Add(new PSPropertyExpressionResult(null, property.Expression, null));
        }
        else if (property.Name is not null && results.Count > 1)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(
                $"A calculated property named '{property.Name}' cannot take the several properties that '{property.Expression}' matches."),
                "RenamingMultipleResults", ErrorCategory.InvalidOperation, input));
            return;
        }

        foreach (var result in results)
        {
            string name = property.Name ?? result.ResolvedExpression.ToString();
            if (string.IsNullOrEmpty(name))
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                    "A calculated property needs a Name or Label key when its script block is empty."),
                    "EmptyScriptBlockAndNoName", ErrorCategory.InvalidArgument, null));
            }

            // Like PowerShell, an expression that throws yields a null property rather than an error.
            notes.Add(new PSNoteProperty(name, result.Result));
        }
    }

    private void Expand(PSObject input, List<PSNoteProperty> notes)
    {
        var results = _expand!.GetValues(input);
        if (results.Count != 1)
        {
            string message = results.Count == 0
                ? $"Property \"{ExpandProperty}\" cannot be found."
                : $"\"{ExpandProperty}\" matches more than one property; only one can be expanded.";
            WriteError(new ErrorRecord(new ArgumentException(message),
                // The misspelt id is PowerShell's own; scripts may match on it.
                results.Count == 0 ? "ExpandPropertyNotFound" : "MutlipleExpandProperties", ErrorCategory.InvalidArgument, input));
            return;
        }

        if (results[0].Exception is { } exception)
        {
            WriteError(new ErrorRecord(exception, "PropertyEvaluationExpand", ErrorCategory.InvalidResult, input));
            return;
        }

        var value = results[0].Result;
        var values = value is null ? [] : LanguagePrimitives.GetEnumerable(value)?.Cast<object?>() ?? [value];
        foreach (var element in values.OfType<object>())
        {
            // PowerShell keeps the added notes on a private wrapper; the public API can only attach them to the
            // expanded object itself (Windows PowerShell 5.1 behaviour), so they stay visible on that object.
            var expanded = PSObject.AsPSObject(element);
            foreach (var note in notes)
            {
                if (expanded.Properties[note.Name] is null)
                {
                    expanded.Properties.Add(note);
                }
                else
                {
                    WriteAlreadyExists(note.Name, input, "AlreadyExistingUserSpecifiedPropertyExpand");
                }
            }

            Emit(expanded, input, notes);
        }
    }

    private void Emit(PSObject output, PSObject input, List<PSNoteProperty> notes)
    {
        if (output.ImmediateBaseObject is PSCustomObject)
        {
            // PowerShell's marker for a projection: "Selected." plus the .NET type of the input.
            string typeName = "Selected." + input.BaseObject.GetType().ToString();
            if (notes.Count > 0 || !output.TypeNames.Contains(typeName))
            {
                output.TypeNames.Insert(0, typeName);
            }
        }

        if (!Unique)
        {
            WriteObject(output);
        }
        else if (!_uniques.Any(u => SameAs(u.Written, u.NoteCount, output, notes)))
        {
            _uniques.Add((output, notes.Count));
        }
    }

    private bool SameAs(PSObject written, int writtenNoteCount, PSObject candidate, List<PSNoteProperty> notes)
    {
        var comparer = new PowerShellValueComparer(!CaseInsensitive, CultureInfo.CurrentCulture);
        return writtenNoteCount == notes.Count
            && comparer.Compare(written.BaseObject, candidate.BaseObject) == 0
            && notes.All(n => written.Properties[n.Name] is { } p && comparer.Compare(p.Value, n.Value) == 0);
    }

    private void WriteAlreadyExists(string name, PSObject input, string errorId)
    {
        WriteError(new ErrorRecord(new ArgumentException($"The property cannot be processed because the property \"{name}\" already exists."),
            errorId, ErrorCategory.InvalidOperation, input));
    }
}
