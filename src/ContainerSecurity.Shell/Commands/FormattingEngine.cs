using System.Management.Automation;
using System.Reflection;
using Microsoft.PowerShell.Commands.Internal.Format;

namespace ContainerSecurity.Shell.Commands;

/// <summary>
/// Connects our Format-* and Out-String front ends to the engine's own formatting and output machinery.
/// </summary>
/// <remarks>
/// System.Management.Automation makes the front-end base classes public (FrontEndCommandBase,
/// OuterFormatShapeCommandBase, OuterFormatTableAndListBase, OuterFormatTableBase): they declare the parameters
/// and drive the work. But the slot they drive, <c>FrontEndCommandBase.implementation</c>, and the inner
/// commands that fill it are internal; PowerShell's own Format-Table and Out-String set them from an assembly the
/// engine grants InternalsVisibleTo. No public API reaches them, so this class does, by reflection, and nothing
/// else does. Each member is looked up on first use and a missing one (a future engine) fails with a clear
/// message naming it. Checked against System.Management.Automation 7.6.9.
/// </remarks>
internal static class FormattingEngine
{
    private const string InternalNamespace = "Microsoft.PowerShell.Commands.Internal.Format.";
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Makes <paramref name="command"/> format as <paramref name="shape"/> (Table, List or Wide).</summary>
    internal static void UseShape(FrontEndCommandBase command, string shape)
    {
        var shapeType = EngineType("FormatShape");
        SetImplementation(command, Create("InnerFormatShapeCommand", (shapeType, Enum.Parse(shapeType, shape))));
    }

    /// <summary>
    /// Applies Format-Wide's own options, which the public base classes have no parameter for, to the
    /// parameters the inner command was handed in BeginProcessing (it reads them when the first object arrives).
    /// </summary>
    internal static void SetWideOptions(FrontEndCommandBase command, bool? autoSize, int? columns)
    {
        var inner = Field(typeof(FrontEndCommandBase), "implementation").GetValue(command);
        var parameters = Field(EngineType("InnerFormatShapeCommand"), "_parameters").GetValue(inner)
            ?? throw Missing("InnerFormatShapeCommand._parameters (not yet set)");
        var parametersType = parameters.GetType();
        Field(parametersType, "autosize").SetValue(parameters, autoSize);

        var wide = Create("WideSpecificParameters");
        Field(wide.GetType(), "columns").SetValue(wide, columns);
        Field(parametersType, "shapeParameters").SetValue(parameters, wide);
    }

    /// <summary>Makes <paramref name="command"/> an output command (like Out-String) with no device yet.</summary>
    internal static void UseOutputManager(FrontEndCommandBase command) => SetImplementation(command, Create("OutputManagerInner"));

    /// <summary>Points the output command at <paramref name="writer"/>, laying text out for <paramref name="columns"/> columns.</summary>
    internal static void SetTextWriter(FrontEndCommandBase command, TextWriter writer, int columns)
    {
        var inner = Field(typeof(FrontEndCommandBase), "implementation").GetValue(command)
            ?? throw Missing("FrontEndCommandBase.implementation (not yet set)");
        var lineOutput = Create("TextWriterLineOutput", (typeof(TextWriter), writer), (typeof(int), columns));
        var property = inner.GetType().GetProperty("LineOutput", Instance) ?? throw Missing("OutputManagerInner.LineOutput");
        property.SetValue(inner, lineOutput);
    }

    private static void SetImplementation(FrontEndCommandBase command, object implementation) =>
        Field(typeof(FrontEndCommandBase), "implementation").SetValue(command, implementation);

    private static Type EngineType(string name) =>
        typeof(PSObject).Assembly.GetType(InternalNamespace + name) ?? throw Missing(name);

    private static object Create(string typeName, params (Type Type, object Value)[] arguments)
    {
        var constructor = EngineType(typeName).GetConstructor(Instance, [.. arguments.Select(a => a.Type)])
            ?? throw Missing($"{typeName} constructor");
        return constructor.Invoke([.. arguments.Select(a => a.Value)]);
    }

    private static FieldInfo Field(Type type, string name) => type.GetField(name, Instance) ?? throw Missing($"{type.Name}.{name}");

    private static InvalidOperationException Missing(string member) => new(
        $"This PowerShell engine ({typeof(PSObject).Assembly.GetName().Version}) lacks the internal member '{member}' " +
        "that the shell's Format-*/Out-String commands rely on; they were built against System.Management.Automation 7.6.9.");
}
