using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Internal;
using Microsoft.PowerShell.Commands;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Measure-Object for hosts whose engine lacks Microsoft.PowerShell.Utility: counts objects and, per property,
/// computes sum, average, maximum, minimum and standard deviation.
/// </summary>
/// <remarks>
/// Output carries the type name Microsoft.PowerShell.Commands.GenericMeasureInfo (or GenericObjectMeasureInfo when
/// a maximum or minimum is not numeric), so the engine's built-in list view renders it as in pwsh.
/// </remarks>
[Cmdlet(VerbsDiagnostic.Measure, "Object")]
[OutputType(GenericTypeName, GenericObjectTypeName)]
public sealed class MeasureObjectCommand : PSCmdlet
{
    private const string GenericTypeName = "Microsoft.PowerShell.Commands.GenericMeasureInfo";
    private const string GenericObjectTypeName = "Microsoft.PowerShell.Commands.GenericObjectMeasureInfo";
    private const string WholeObject = "$_";

    // Insertion-ordered, case-insensitive: output follows the order properties were first seen.
    private readonly List<string> _order = [];
    private readonly Dictionary<string, Statistics> _statistics = new(StringComparer.OrdinalIgnoreCase);
    private bool _nonNumeric;
    private int _records;

    /// <summary>The objects to measure.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The properties to measure (names with wildcards, or script blocks); without it, the objects themselves.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public PSPropertyExpression[]? Property { get; set; }

    /// <summary>Adds the sum of the values.</summary>
    [Parameter]
    public SwitchParameter Sum { get; set; }

    /// <summary>Adds the average of the values.</summary>
    [Parameter]
    public SwitchParameter Average { get; set; }

    /// <summary>Adds the largest value.</summary>
    [Parameter]
    public SwitchParameter Maximum { get; set; }

    /// <summary>Adds the smallest value.</summary>
    [Parameter]
    public SwitchParameter Minimum { get; set; }

    /// <summary>Adds the (sample) standard deviation of the values.</summary>
    [Parameter]
    public SwitchParameter StandardDeviation { get; set; }

    /// <summary>Adds every statistic.</summary>
    [Parameter]
    public SwitchParameter AllStats { get; set; }

    private bool Numeric => Sum || Average || StandardDeviation;

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (AllStats)
        {
            Sum = Average = Maximum = Minimum = StandardDeviation = true;
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is null || InputObject == AutomationNull.Value)
        {
            return;
        }

        _records++;
        if (Property is null)
        {
            Analyze(WholeObject, InputObject.BaseObject);
            return;
        }

        var counted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var expression in Property)
        {
            var names = expression.ResolveNames(InputObject);
            if (names.Count == 0)
            {
                Entry(expression.ToString());   // remembered so a property no object had is skipped at the end
                continue;
            }

            foreach (var name in names)
            {
                var values = name.GetValues(InputObject);
                if (values.Count > 0 && counted.Add(name.ToString()))
                {
                    Analyze(name.ToString(), values[0].Result);
                }
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_records == 0 && Property is null)
        {
            Entry(WholeObject);   // measuring nothing still reports Count 0
        }

        foreach (var name in _order)
        {
            var stat = _statistics[name];
            if (stat.Count > 0 || Property is null)
            {
                WriteObject(ToMeasureInfo(stat, Property is null ? null : name));
            }
        }
    }

    private void Analyze(string name, object? value)
    {
        var stat = Entry(name);
        stat.Count++;
        if (Numeric)
        {
            if (!LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out double number))
            {
                _nonNumeric = true;
                WriteError(new ErrorRecord(new InvalidOperationException($"Input object \"{value}\" is not numeric."),
                    "NonNumericInputObject", ErrorCategory.InvalidType, value));
                return;
            }

            stat.Add(number);
        }

        if (Minimum)
        {
            stat.Min = Extreme(value, stat.Min, isMin: true);
        }

        if (Maximum)
        {
            stat.Max = Extreme(value, stat.Max, isMin: false);
        }
    }

    private Statistics Entry(string name)
    {
        if (!_statistics.TryGetValue(name, out var stat))
        {
            _statistics[name] = stat = new Statistics();
            _order.Add(name);
        }

        return stat;
    }

    // Anything comparable has a maximum and minimum: numbers compare as numbers, mixed types by their text.
    private static object? Extreme(object? value, object? current, bool isMin)
    {
        if (current is null)
        {
            return value;
        }

        object? a = AsDouble(value) ?? value, b = AsDouble(current) ?? current;
        if (a is not null && a.GetType() != b.GetType())
        {
            a = PSObject.AsPSObject(a).ToString();
            b = PSObject.AsPSObject(b).ToString();
        }

        int order = LanguagePrimitives.Compare(b, a, false, CultureInfo.CurrentCulture);
        return (isMin ? order : -order) > 0 ? value : current;
    }

    private static double? AsDouble(object? value) =>
        value is not null && LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out double d) ? d : null;

    private PSObject ToMeasureInfo(Statistics stat, string? property)
    {
        bool numericExtremes = (stat.Min is null || AsDouble(stat.Min) is not null) && (stat.Max is null || AsDouble(stat.Max) is not null);
        var info = new PSObject();
        info.TypeNames.Clear();
        info.TypeNames.Add(numericExtremes ? GenericTypeName : GenericObjectTypeName);
        info.TypeNames.Add("Microsoft.PowerShell.Commands.MeasureInfo");
        info.TypeNames.Add(typeof(object).FullName!);

        object? Reported(bool wanted, object? value) => !wanted || value is null ? null : numericExtremes ? AsDouble(value) : value;
        info.Properties.Add(new PSNoteProperty("Count", stat.Count));
        info.Properties.Add(new PSNoteProperty("Average", Average && !_nonNumeric && stat.Count > 0 ? stat.Sum / stat.Count : null));
        info.Properties.Add(new PSNoteProperty("Sum", Sum && !_nonNumeric ? stat.Sum : null));
        info.Properties.Add(new PSNoteProperty("Maximum", Reported(Maximum, stat.Max)));
        info.Properties.Add(new PSNoteProperty("Minimum", Reported(Minimum, stat.Min)));
        info.Properties.Add(new PSNoteProperty("StandardDeviation", StandardDeviation && !_nonNumeric ? Math.Sqrt(stat.Variance) : null));
        info.Properties.Add(new PSNoteProperty("Property", property));
        return info;
    }

    private sealed class Statistics
    {
        private int _numbers;

        internal int Count { get; set; }

        internal double Sum { get; private set; }

        /// <summary>Sample variance, updated online (Welford) so large inputs stay accurate.</summary>
        internal double Variance { get; private set; }

        internal object? Min { get; set; }

        internal object? Max { get; set; }

        internal void Add(double value)
        {
            _numbers++;
            double previousMean = _numbers > 1 ? Sum / (_numbers - 1) : 0;
            Sum += value;
            if (_numbers > 1)
            {
                Variance = (Variance * (_numbers - 2) / (_numbers - 1)) + ((value - previousMean) * (value - previousMean) / _numbers);
            }
        }
    }
}
