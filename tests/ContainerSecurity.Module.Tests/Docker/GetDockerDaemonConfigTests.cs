using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests.Docker;

public sealed class GetDockerDaemonConfigTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly TestHostTree _tree = new();

    public void Dispose()
    {
        _session.Dispose();
        _tree.Dispose();
    }

    [Fact]
    public void Each_setting_carries_its_value_source_origin_and_default()
    {
        var path = _tree.Write("/daemon.json", "{\n  \"icc\": false,\n  \"insecure-registries\": [\"a:5000\", \"b:5000\"]\n}");

        var settings = _session.Invoke("Get-DockerDaemonConfig -Path $path -DaemonArgument '--log-level debug' -Name icc, insecure-*, log-level, live-restore", new Dictionary<string, object?> { ["path"] = path });

        var byName = settings.ToDictionary(s => (string)s.Properties["Name"].Value);
        Assert.Equal(["icc", "insecure-registries", "live-restore", "log-level"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("false", "ConfigFile", $"{path}:2:3", "true"), Describe(byName["icc"]));
        Assert.Equal(("[a:5000, b:5000]", "ConfigFile", $"{path}:3:3", null), Describe(byName["insecure-registries"]));
        Assert.Equal(("debug", "CommandLine", "-DaemonArgument: --log-level debug", "info"), Describe(byName["log-level"]));
        Assert.Equal("live-restore: not set → default false", byName["live-restore"].Properties["Provenance"].Value);
    }

    [Fact]
    public void NonDefault_keeps_only_what_something_decided()
    {
        var path = _tree.Write("/daemon.json", "{ \"icc\": false }");

        var settings = _session.Invoke("Get-DockerDaemonConfig -Path $path -NonDefault", new Dictionary<string, object?> { ["path"] = path });

        Assert.Equal("icc", Assert.Single(settings).Properties["Name"].Value);
    }

    [Fact]
    public void Settings_render_as_a_table_and_survive_a_CliXml_round_trip()
    {
        var path = _tree.Write("/daemon.json", "{ \"icc\": false }");

        var (_, output, error) = ShellOutput.Run($"Get-DockerDaemonConfig -Path '{path}' -Name icc, log-level");
        var copy = Assert.Single(_session.Invoke("""
            $setting = Get-DockerDaemonConfig -Path $path -Name icc
            [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($setting))
            """, new Dictionary<string, object?> { ["path"] = path }));
        var (_, deserialized, _) = ShellOutput.Run($"[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize((Get-DockerDaemonConfig -Path '{path}' -Name icc)))");

        Assert.Equal(string.Empty, error);
        Assert.Matches(@"Name\s+Value\s+Source\s+Default\s+Origin", output);
        Assert.Matches(@"icc\s+false\s+ConfigFile\s+true\s+\S*daemon\.json:1:3", output);
        Assert.Matches(@"log-level\s+info\s+Default\s+info\s+dockerd default", output);
        Assert.Equal("Deserialized.ContainerSecurity.DaemonSetting", copy.TypeNames[0]);
        Assert.Equal(("false", "ConfigFile"), ((string)copy.Properties["Value"].Value, copy.Properties["Source"].Value.ToString()));
        Assert.Matches(@"icc\s+false\s+ConfigFile\s+true", deserialized);
    }

    private static (string?, string, string, string?) Describe(System.Management.Automation.PSObject setting) =>
        ((string?)setting.Properties["Value"].Value, setting.Properties["Source"].Value.ToString()!, (string)setting.Properties["Origin"].Value, (string?)setting.Properties["Default"].Value);
}
