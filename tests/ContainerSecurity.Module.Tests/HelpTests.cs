using System.Management.Automation;

namespace ContainerSecurity.Module.Tests;

/// <summary>Every exported cmdlet has help compiled from docs/en-US: synopsis, description, every parameter, two examples.</summary>
public sealed class HelpTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public HelpTests() => _session.Invoke("[System.Threading.Thread]::CurrentThread.CurrentUICulture = 'en-US'");

    public static TheoryData<string> ExportedCmdlets()
    {
        using var session = new ModuleSession();
        var data = new TheoryData<string>();
        foreach (var name in session.Invoke("(Get-Command -Module ContainerSecurity).Name"))
        {
            data.Add(name.ToString());
        }

        return data;
    }

    public void Dispose() => _session.Dispose();

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Help_has_a_synopsis_a_description_every_parameter_and_two_examples(string cmdlet)
    {
        var help = Assert.Single(_session.Invoke("Get-Help -Name $name -Full", new Dictionary<string, object?> { ["name"] = cmdlet }));

        var synopsis = help.Properties["Synopsis"].Value?.ToString() ?? string.Empty;
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.DoesNotContain(cmdlet + " [", synopsis, StringComparison.Ordinal); // the engine's stand-in when no help is found
        Assert.False(string.IsNullOrWhiteSpace(Text(help.Properties["description"]?.Value)));

        var documented = Items(help, "parameters", "parameter").ToDictionary(p => p.Properties["name"].Value.ToString()!, p => Text(p.Properties["description"]?.Value), StringComparer.OrdinalIgnoreCase);
        var declared = _session.Invoke("(Get-Command -Name $name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }", new Dictionary<string, object?> { ["name"] = cmdlet });
        Assert.NotEmpty(declared);
        foreach (var parameter in declared.Select(p => p.ToString()))
        {
            Assert.True(documented.TryGetValue(parameter, out var text) && !string.IsNullOrWhiteSpace(text), $"{cmdlet} -{parameter} has no description in its help.");
        }

        var examples = Items(help, "examples", "example").ToList();
        Assert.True(examples.Count >= 2, $"{cmdlet} has {examples.Count} examples; at least two are required.");
        Assert.All(examples, e => Assert.Contains(cmdlet, e.Properties["code"].Value.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_full_help_renders_in_the_shell()
    {
        var (exitCode, output, _) = ShellOutput.Run("Get-Help Get-ContainerSecurityRule -Full");

        Assert.Equal(0, exitCode);
        Assert.Contains("SYNOPSIS", output, StringComparison.Ordinal);
        Assert.Contains("Gets the threats of the ContainerSecurity rule catalog.", output, StringComparison.Ordinal);
        Assert.Contains("-Stride <StrideCategory[]>", output, StringComparison.Ordinal);
        Assert.Contains("Example 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_about_topic_is_installed()
    {
        var (exitCode, output, _) = ShellOutput.Run("Get-Help about_ContainerSecurity");

        Assert.Equal(0, exitCode);
        Assert.Contains("STRIDE", output, StringComparison.Ordinal);
    }

    private static IEnumerable<PSObject> Items(PSObject help, string container, string item)
    {
        var holder = help.Properties[container]?.Value as PSObject;
        return holder?.Properties[item]?.Value switch
        {
            null => [],
            object[] many => many.Select(PSObject.AsPSObject),
            var one => [PSObject.AsPSObject(one)],
        };
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        object[] paragraphs => string.Join("\n", paragraphs.Select(p => PSObject.AsPSObject(p).Properties["Text"]?.Value?.ToString())),
        _ => PSObject.AsPSObject(value).Properties["Text"]?.Value?.ToString() ?? value.ToString() ?? string.Empty,
    };
}
