<#
    The Kubernetes control plane: API server and etcd flags (static pod manifests), kubelet configuration and namespace
    posture with CIS Kubernetes Benchmark ids, through Get-ClusterThreat, and the cluster threats a person has to check.
    Targets: ManifestPath (static pod manifests, kubelet config, namespaces) and Context.
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
    $cases = Invoke-ComplianceAudit -Suite ControlPlane -Settings $settings
    if ($null -eq $cases) {
        $cases = @(New-NoTargetTestCase -Suite 'Kubernetes.ControlPlane.Tests.ps1' -Settings 'ManifestPath or Context')
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ContainerSecurity.Compliance.ps1')
}

Describe 'Kubernetes control plane (CIS Kubernetes 1, 4, 5)' -Tag 'Kubernetes', 'ControlPlane' {
    Context 'Control plane, kubelet and namespaces' {
        foreach ($case in $cases.Where({ $_.Outcome -ne 'Manual' })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }

    Context 'Checks by hand' -Tag 'Manual' {
        foreach ($case in $cases.Where({ $_.Outcome -eq 'Manual' })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }
}
