using System.Management.Automation;
using System.Xml.Linq;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests;

public sealed class ManifestTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void The_built_manifest_passes_Test_ModuleManifest_with_the_version_filled_in()
    {
        var module = Assert.Single(_session.Invoke("Test-ModuleManifest -Path $path", new Dictionary<string, object?> { ["path"] = TestPaths.ModuleManifest }));

        var info = (PSModuleInfo)module.BaseObject;
        Assert.Equal(BuildVersion(), info.Version.ToString(3));
        Assert.Equal("ContainerSecurity", info.Name);
        Assert.Contains("Core", info.CompatiblePSEditions);
        Assert.Equal(new Version(7, 4), info.PowerShellVersion);
    }

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_the_assembly_defines()
    {
        var declared = _session.Invoke("(Test-ModuleManifest -Path $path).ExportedCmdlets.Keys", new Dictionary<string, object?> { ["path"] = TestPaths.ModuleManifest })
            .Select(o => o.ToString()).Order(StringComparer.Ordinal);
        var defined = _session.Invoke("(Get-Module ContainerSecurity).ImplementingAssembly.GetTypes() | Where-Object { $_.IsPublic -and -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } | ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; '{0}-{1}' -f $a.VerbName, $a.NounName }")
            .Select(o => o.ToString()).Order(StringComparer.Ordinal);
        var exported = _session.Invoke("(Get-Command -Module ContainerSecurity).Name").Select(o => o.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(defined, declared);
        Assert.Equal(defined, exported);
    }

    [Fact]
    public void The_module_layout_keeps_third_party_libraries_in_Dependencies()
    {
        var root = Directory.GetFiles(TestPaths.ModuleDirectory, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var dependencies = Directory.GetFiles(Path.Join(TestPaths.ModuleDirectory, "Dependencies"), "*.dll").Select(Path.GetFileName).ToList();

        Assert.Equal(["ContainerSecurity.Models.dll", "ContainerSecurity.dll"], root);
        Assert.Contains("ContainerSecurity.Engine.dll", dependencies);
        Assert.Contains("YamlDotNet.dll", dependencies);
        Assert.Contains("KubernetesClient.dll", dependencies);
        Assert.Contains("Docker.DotNet.dll", dependencies);
        Assert.True(File.Exists(Path.Join(TestPaths.ModuleDirectory, "en-US", "ContainerSecurity.dll-Help.xml")));
        Assert.True(File.Exists(Path.Join(TestPaths.ModuleDirectory, "en-US", "about_ContainerSecurity.help.txt")));
    }

    private static string BuildVersion() =>
        XDocument.Load(Path.Join(TestPaths.RepositoryRoot, "Directory.Build.props")).Descendants("ModuleVersion").Single().Value;
}
