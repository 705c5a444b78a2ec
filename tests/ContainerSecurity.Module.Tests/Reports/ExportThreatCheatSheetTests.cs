using System.Management.Automation;
using System.Text;

namespace ContainerSecurity.Module.Tests.Reports;

public sealed class ExportThreatCheatSheetTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cs-export-");

    public void Dispose()
    {
        _session.Dispose();
        _directory.Delete(recursive: true);
    }

    private string PathOf(string name) => Path.Join(_directory.FullName, name);

    private Dictionary<string, object?> Vars(string name) => new() { ["out"] = PathOf(name) };

    [Fact]
    public void Findings_from_the_pipeline_fill_a_Markdown_sheet_by_default()
    {
        _session.Invoke(ReportScripts.MakeFindings + "$findings | Export-ThreatCheatSheet -Path $out", Vars("sheet"));

        var bytes = File.ReadAllBytes(PathOf("sheet"));
        Assert.NotEqual(0xEF, bytes[0]); // UTF-8 without a byte-order mark
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("# Docker and Kubernetes threat model cheat sheet", text, StringComparison.Ordinal);
        Assert.Contains("**5 findings:** 2 passed, 2 failed, 1 waived", text, StringComparison.Ordinal);
        Assert.Contains("- shop/Deployment/api (k8s/api.yaml)", text, StringComparison.Ordinal);
        Assert.Matches(@"\| Spoofing \| .*🟧 \*\*High\*\* · 1 open", text);
    }

    [Theory]
    [InlineData("sheet.html", "<!DOCTYPE html>")]
    [InlineData("sheet.HTM", "<!DOCTYPE html>")]
    [InlineData("sheet.json", "{")]
    [InlineData("sheet.md", "# ")]
    public void The_format_follows_the_extension(string name, string start)
    {
        _session.Invoke(ReportScripts.MakeFindings + "$findings | Export-ThreatCheatSheet -Path $out", Vars(name));

        Assert.StartsWith(start, File.ReadAllText(PathOf(name)), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_overrides_the_extension_and_Title_Platform_and_Stride_shape_the_sheet()
    {
        _session.Invoke(ReportScripts.MakeFindings + "$findings | Export-ThreatCheatSheet -Path $out -Format Html -Title 'Shop <review>' -Platform Kubernetes -Stride Spoofing", Vars("sheet.txt"));

        var html = File.ReadAllText(PathOf("sheet.txt"));
        Assert.Contains("<title>Shop &lt;review&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"threat-kp001\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"threat-kp016\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"threat-dd003\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_findings_it_writes_the_catalog_only_sheet()
    {
        _session.Invoke("Export-ThreatCheatSheet -Path $out", Vars("catalog.md"));

        var text = File.ReadAllText(PathOf("catalog.md"));
        Assert.Contains("from the rule catalog only", text, StringComparison.Ordinal);
        Assert.Contains("##### DM009 ·", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_file_is_kept_without_Force_and_replaced_with_it()
    {
        File.WriteAllText(PathOf("sheet.md"), "old");

        var error = Caught("Export-ThreatCheatSheet -Path $out", "sheet.md");

        Assert.Equal("old", File.ReadAllText(PathOf("sheet.md")));
        Assert.Equal("OutputFileExists,ContainerSecurity.Commands.ExportThreatCheatSheetCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-Force", error.Exception.Message, StringComparison.Ordinal);

        _session.Invoke("Export-ThreatCheatSheet -Path $out -Force", Vars("sheet.md"));
        Assert.StartsWith("# ", File.ReadAllText(PathOf("sheet.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_writes_nothing_and_PassThru_returns_the_FileInfo()
    {
        _session.Invoke("Export-ThreatCheatSheet -Path $out -WhatIf", Vars("whatif.md"));
        Assert.False(File.Exists(PathOf("whatif.md")));

        var file = Assert.Single(_session.Invoke("Export-ThreatCheatSheet -LiteralPath $out -PassThru", Vars("[x].md")));
        var info = Assert.IsType<FileInfo>(file.BaseObject);
        Assert.Equal(PathOf("[x].md"), info.FullName);
        Assert.True(info.Length > 10_000);
        Assert.DoesNotContain(_directory.GetFiles(), f => f.Name.EndsWith(".tmp", StringComparison.Ordinal)); // the temporary file was moved into place
    }

    [Fact]
    public void Deserialized_findings_and_lookalike_objects_are_accepted_and_non_findings_reported()
    {
        var (output, errors) = _session.Run(ReportScripts.MakeFindings + """
            $copies = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($findings, 4))
            $lookalike = [pscustomobject]@{ RuleId = 'KP016'; Status = 'Fail'; Message = 'no memory limit'; Target = [pscustomobject]@{ Namespace = 'shop'; Kind = 'Deployment'; Name = 'cart' } }
            @($copies) + $lookalike + [pscustomobject]@{ Name = 'not a finding' } | Export-ThreatCheatSheet -Path $out -Format Json
            """, Vars("sheet.json"));

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("InvalidFinding,ContainerSecurity.Commands.ExportThreatCheatSheetCommand", error.FullyQualifiedErrorId);
        Assert.Contains("'RuleId'", error.Exception.Message, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("sheet.json")));
        Assert.Equal(6, json.RootElement.GetProperty("findingCount").GetInt32());
        var kp002 = json.RootElement.GetProperty("didWeDoAGoodEnoughJob").GetProperty("threats").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "KP002");
        Assert.Equal(1, kp002.GetProperty("waived").GetInt32());
        var pods = json.RootElement.GetProperty("whatAreWeBuilding").GetProperty("assets").EnumerateArray().Single(a => a.GetProperty("asset").GetString() == "Pod");
        Assert.Contains("shop/Deployment/cart", pods.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void A_directory_or_a_missing_parent_is_a_clear_error()
    {
        Assert.Equal("OutputPathIsDirectory,ContainerSecurity.Commands.ExportThreatCheatSheetCommand", Caught("Export-ThreatCheatSheet -Path $out", string.Empty).FullyQualifiedErrorId);
        Assert.Equal("OutputDirectoryNotFound,ContainerSecurity.Commands.ExportThreatCheatSheetCommand", Caught("Export-ThreatCheatSheet -Path $out", Path.Join("missing", "sheet.md")).FullyQualifiedErrorId);
        Assert.False(Directory.Exists(PathOf("missing")));
    }

    /// <summary>The terminating error a command throws, as a script's catch block sees it.</summary>
    private ErrorRecord Caught(string command, string name) =>
        (ErrorRecord)Assert.Single(_session.Invoke($"try {{ {command}; 'no error' }} catch {{ $_ }}", Vars(name))).BaseObject;
}
