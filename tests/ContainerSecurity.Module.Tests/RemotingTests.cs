namespace ContainerSecurity.Module.Tests;

public sealed class RemotingTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void A_rule_survives_a_CliXml_round_trip_with_its_properties()
    {
        var copy = Assert.Single(_session.Invoke("""
            $rule = Get-ContainerSecurityRule -Id KP001
            [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($rule, 3))
            """));

        Assert.Equal("Deserialized.ContainerSecurity.SecurityRule", copy.TypeNames[0]);
        Assert.Equal("KP001", copy.Properties["Id"].Value);
        Assert.Equal("High", copy.Properties["Severity"].Value.ToString());
        Assert.NotEmpty(copy.Properties["References"].Value.ToString()!);
        Assert.Contains("drop", copy.Properties["Snippets"].Value.ToString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialized_rules_render_with_the_same_table_view()
    {
        var (_, output, error) = ShellOutput.Run("""
            $rule = Get-ContainerSecurityRule -Id KP001
            [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($rule))
            """);

        Assert.Equal(string.Empty, error);
        Assert.Matches(@"KP001\s+High\s+Kubernetes\s+Spoofing\s+Automated", output);
    }
}

public sealed class FindingRemotingTests : IDisposable
{
    // Built the way a script (or a future audit) would: every public model type appears once.
    private const string MakeFinding = """
        $finding = [ContainerSecurity.Finding]@{
            RuleId = 'KP001'; Title = 'Container does not drop the NET_RAW capability'; Status = 'Fail'; Severity = 'High'
            Stride = [ContainerSecurity.StrideCategory[]]@('Spoofing'); Platform = 'Kubernetes'; Asset = 'Pod'
            Target = [ContainerSecurity.FindingTarget]@{ File = 'k8s/web.yaml'; Line = 7; Namespace = 'shop'; Kind = 'Deployment'; Name = 'web'; Container = 'nginx'; FieldPath = 'spec.template.spec.containers[0].securityContext' }
            Message = 'NET_RAW is not dropped'; Remediation = 'Drop ALL capabilities.'
            Evidence = [ContainerSecurity.Evidence]::new('capabilities.drop: (unset)', 'drop contains ALL or NET_RAW', 'k8s/web.yaml:12')
            References = [ContainerSecurity.RuleReference[]]@([ContainerSecurity.RuleReference]::new('CIS Kubernetes', '5.2.8', $null))
            Waiver = [ContainerSecurity.Waiver]@{ Reason = 'needs ping'; Expires = [datetime]'2030-01-01'; Container = 'nginx' }
        }

        """;

    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void A_finding_and_its_nested_types_survive_a_CliXml_round_trip()
    {
        var copy = Assert.Single(_session.Invoke(MakeFinding + "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($finding, 3))"));

        Assert.Equal("Deserialized.ContainerSecurity.Finding", copy.TypeNames[0]);
        Assert.Equal("KP001", copy.Properties["RuleId"].Value);
        Assert.Equal(true, copy.Properties["IsWaived"].Value);
        var target = (System.Management.Automation.PSObject)copy.Properties["Target"].Value;
        Assert.Equal("Deserialized.ContainerSecurity.FindingTarget", target.TypeNames[0]);
        Assert.Equal(7, target.Properties["Line"].Value);
        Assert.Equal("k8s/web.yaml:7 shop/Deployment/web[nginx]", target.ToString());
        var evidence = (System.Management.Automation.PSObject)copy.Properties["Evidence"].Value;
        Assert.Equal("k8s/web.yaml:12", evidence.Properties["Source"].Value);
        var waiver = (System.Management.Automation.PSObject)copy.Properties["Waiver"].Value;
        Assert.Equal("needs ping", waiver.Properties["Reason"].Value);
    }

    [Theory]
    [InlineData("$finding", @"Fail\s+High\s+KP001\s+k8s/web.yaml:7 shop/Deployment/web\[nginx\]\s+\[waived\] NET_RAW is not dropped")]
    [InlineData("$finding.Target", @"Deployment\s+shop\s+web\s+nginx\s+k8s/web.yaml:7")]
    [InlineData("$finding.Evidence", @"capabilities.drop: \(unset\)\s+drop contains ALL or NET_RAW\s+k8s/web.yaml:12")]
    [InlineData("$finding.References", @"CIS Kubernetes\s+5.2.8")]
    [InlineData("$finding.Waiver", @"needs ping\s+2030-01-01\s+nginx\s+False")]
    [InlineData("(Get-ContainerSecurityRule -Id KP001).Snippets", @"yaml\s+securityContext:")]
    public void Every_public_type_renders_as_a_table_before_and_after_a_round_trip(string expression, string expected)
    {
        var direct = ShellOutput.Run(MakeFinding + expression);
        var deserialized = ShellOutput.Run(MakeFinding + $"[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize(({expression}), 3))");

        Assert.Matches(expected, direct.Output);
        Assert.Matches(expected, deserialized.Output);
        Assert.Equal(string.Empty, direct.Error + deserialized.Error);
    }
}
