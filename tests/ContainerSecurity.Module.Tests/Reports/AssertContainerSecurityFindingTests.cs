using System.Management.Automation;

namespace ContainerSecurity.Module.Tests.Reports;

public sealed class AssertContainerSecurityFindingTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    private ErrorRecord? Gate(string arguments, string input = "$findings")
    {
        var output = _session.Invoke(ReportScripts.MakeFindings + $"try {{ {input} | Assert-ContainerSecurityFinding {arguments} | Out-Null; $null }} catch {{ $_ }}");
        return output.Count == 0 || output[0] is null ? null : (ErrorRecord)output[0].BaseObject;
    }

    [Fact]
    public void Open_findings_at_or_above_the_minimum_throw_a_terminating_error_listing_them()
    {
        var error = Gate("-MinimumSeverity Medium");

        Assert.NotNull(error);
        Assert.Equal("UnwaivedFindingsRemain,ContainerSecurity.Commands.AssertContainerSecurityFindingCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.StartsWith("2 unwaived finding(s) at or above Medium remain:", error.Exception.Message, StringComparison.Ordinal);
        Assert.Matches(@"High\s+KP001\s+k8s/web.yaml:7", error.Exception.Message);
        Assert.Matches(@"Medium\s+KP016\s+k8s/api.yaml:3", error.Exception.Message);
        Assert.DoesNotContain("KP002", error.Exception.Message, StringComparison.Ordinal); // waived
        Assert.Equal(2, ((Array)error.TargetObject).Length);
    }

    [Fact]
    public void The_default_minimum_is_High()
    {
        var error = Gate(string.Empty);

        Assert.StartsWith("1 unwaived finding(s) at or above High remain:", error!.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Waived_passed_and_lower_findings_pass_the_gate()
    {
        Assert.Null(Gate("-MinimumSeverity Critical"));
        Assert.Null(Gate("High", "$findings | Where-Object RuleId -ne 'KP001'"));
        Assert.Null(Gate("Info", "@()"));
    }

    [Fact]
    public void PassThru_passes_the_findings_on_and_deserialized_copies_are_gated_too()
    {
        var output = _session.Invoke(ReportScripts.MakeFindings + "$findings | Assert-ContainerSecurityFinding -MinimumSeverity Critical -PassThru");
        Assert.Equal(5, output.Count);

        var error = Gate("High", "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($findings, 4))");
        Assert.NotNull(error);
        Assert.Contains("KP001", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_of_the_CSV_report_read_back_as_text_are_findings_too()
    {
        // What Import-Csv returns for two rows of Export-ContainerSecurityReport -Format Csv: every value a string.
        const string Rows = """
            @(
                [pscustomobject]@{ RuleId = 'KP001'; Title = 'x'; Status = 'Fail'; Severity = 'High'; Stride = 'Spoofing'; Platform = 'Kubernetes'; Asset = 'Pod'
                    Target = 'k8s/web.yaml:7 shop/Deployment/web[nginx]'; File = 'k8s/web.yaml'; Line = '7'; Column = ''; Namespace = 'shop'; Kind = 'Deployment'; Name = 'web'
                    Container = 'nginx'; FieldPath = ''; Host = ''; Message = 'NET_RAW is not dropped'; Observed = 'drop: (unset)'; Expected = 'ALL'; EvidenceSource = 'k8s/web.yaml:12'
                    Remediation = 'Drop ALL.'; IsWaived = 'False'; WaiverReason = ''; WaiverExpires = ''; Cis = '5.2.8' }
                [pscustomobject]@{ RuleId = 'KP002'; Title = 'x'; Status = 'Fail'; Severity = 'Critical'; Stride = 'ElevationOfPrivilege;Tampering'; Platform = 'Kubernetes'; Asset = 'Pod'
                    Target = 'k8s/ops.yaml:3 ops/Deployment/debug'; File = 'k8s/ops.yaml'; Line = '3'; Column = ''; Namespace = 'ops'; Kind = 'Deployment'; Name = 'debug'
                    Container = ''; FieldPath = ''; Host = ''; Message = 'privileged'; Observed = ''; Expected = ''; EvidenceSource = ''
                    Remediation = 'No.'; IsWaived = 'True'; WaiverReason = 'break-glass pod'; WaiverExpires = '2030-01-01'; Cis = '' }
            )
            """;

        var error = Gate("High", Rows);

        Assert.NotNull(error);
        Assert.StartsWith("1 unwaived finding(s) at or above High remain:", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("k8s/web.yaml:7 shop/Deployment/web[nginx]", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_the_shell_the_gate_gives_a_non_zero_exit_code_and_prints_the_findings()
    {
        var failing = ShellOutput.Run(ReportScripts.MakeFindings + "$findings | Assert-ContainerSecurityFinding -MinimumSeverity High");
        var passing = ShellOutput.Run(ReportScripts.MakeFindings + "$findings | Assert-ContainerSecurityFinding -MinimumSeverity Critical; 'gate passed'");

        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("1 unwaived finding(s) at or above High remain", failing.Error, StringComparison.Ordinal);
        Assert.Contains("KP001", failing.Error, StringComparison.Ordinal);
        Assert.Equal(0, passing.ExitCode);
        Assert.Contains("gate passed", passing.Output, StringComparison.Ordinal);
    }
}
