<#
    Kubernetes workloads: the Pod Security Standards (baseline and restricted controls, each rule tagged PSS-Baseline or
    PSS-Restricted) and the other pod rules (KP*), through Get-PodThreat. Waivers (waiver.containersecurity.io/<RuleId>
    annotations) turn a failure into a skipped test with the waiver's reason. Targets: ManifestPath (files or folders)
    and Context (a live cluster, all namespaces; KubeConfig names the file).
    One It per rule per target; see ContainerSecurity.Compliance.ps1 for how a finding becomes a test result.
#>
param(
    # The targets. Invoke-ContainerSecurityTest passes them; with plain Invoke-Pester they come from
    # containersecurity.tests.psd1 next to this file.
    [System.Collections.IDictionary] $Configuration
)

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'ContainerSecurity.Compliance.ps1')
    $settings = Get-ComplianceConfiguration -Configuration $Configuration -SuiteRoot $PSScriptRoot
    $cases = Invoke-ComplianceAudit -Suite KubernetesWorkloads -Settings $settings
    if ($null -eq $cases) {
        $cases = @(New-NoTargetTestCase -Suite 'Kubernetes.Workloads.Tests.ps1' -Settings 'ManifestPath or Context')
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ContainerSecurity.Compliance.ps1')
}

Describe 'Kubernetes workloads' -Tag 'Kubernetes', 'Workload' {
    Context 'Pod Security Standards: Baseline' -Tag 'PSS-Baseline' {
        foreach ($case in $cases.Where({ $_.PodSecurityLevel -eq 'Baseline' })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }

    Context 'Pod Security Standards: Restricted' -Tag 'PSS-Restricted' {
        foreach ($case in $cases.Where({ $_.PodSecurityLevel -eq 'Restricted' })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }

    Context 'Other workload rules' {
        foreach ($case in $cases.Where({ -not $_.PodSecurityLevel })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }
}
