using System.Runtime.Loader;

namespace ContainerSecurity.Module.Tests;

public sealed class DependencyIsolationTests
{
    [Fact]
    public void The_module_parses_YAML_with_its_own_YamlDotNet_after_a_foreign_one_is_loaded()
    {
        // What powershell-yaml does: YamlDotNet 11 in the default load context, before our module is imported.
        var foreign = new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<string, string>>("a: b");
        Assert.Equal("b", foreign["a"]);
        Assert.Equal(11, typeof(YamlDotNet.Serialization.Deserializer).Assembly.GetName().Version!.Major);

        using var session = new ModuleSession();

        // The catalog is read from YAML front matter: this works only if the engine got a YamlDotNet it can use.
        Assert.NotEmpty(session.Invoke("Get-ContainerSecurityRule"));
        var yamlCopies = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "YamlDotNet").ToList();
        var ours = Assert.Single(yamlCopies, a => AssemblyLoadContext.GetLoadContext(a)?.Name == "ContainerSecurity.Engine");
        Assert.Equal(18, ours.GetName().Version!.Major);
        Assert.Contains(yamlCopies, a => AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default);
    }

    [Fact]
    public void The_engine_and_its_libraries_load_in_the_private_context_and_the_models_in_the_default_one()
    {
        using var session = new ModuleSession();
        session.Invoke("$null = Get-ContainerSecurityRule -Id KP001");

        string? ContextOf(string name) =>
            AssemblyLoadContext.GetLoadContext(AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == name))?.Name;

        Assert.Equal("ContainerSecurity.Engine", ContextOf("ContainerSecurity.Engine"));
        Assert.Equal("Default", ContextOf("ContainerSecurity.Models"));
        Assert.Equal("Default", ContextOf("ContainerSecurity"));
    }

    [Fact]
    public void No_public_type_of_the_module_exposes_a_third_party_type()
    {
        using var session = new ModuleSession();
        var offenders = session.Invoke("""
            $own = 'ContainerSecurity', 'ContainerSecurity.Models'
            foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $own -contains $_.GetName().Name }) {
                foreach ($type in $assembly.GetExportedTypes()) {
                    foreach ($member in $type.GetProperties()) {
                        $t = $member.PropertyType
                        while ($t.HasElementType) { $t = $t.GetElementType() }
                        $name = $t.Assembly.GetName().Name
                        if ($name -notmatch '^(System|mscorlib|netstandard|ContainerSecurity)') { "$($type.FullName).$($member.Name): $($t.FullName)" }
                    }
                }
            }
            """);

        Assert.Empty(offenders);
    }
}
