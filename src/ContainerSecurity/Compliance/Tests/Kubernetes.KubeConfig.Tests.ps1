<#
    Kubeconfig credentials: unrevocable client certificates, plain-text tokens, skipped TLS verification, exec plugins,
    through Test-KubeConfig. Target: KubeConfig (or, with only Context set, the current kubeconfig).
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
    $cases = Invoke-ComplianceAudit -Suite KubeConfig -Settings $settings
    if ($null -eq $cases) {
        $cases = @(New-NoTargetTestCase -Suite 'Kubernetes.KubeConfig.Tests.ps1' -Settings 'KubeConfig or Context')
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ContainerSecurity.Compliance.ps1')
}

Describe 'Kubeconfig credentials' -Tag 'Kubernetes', 'KubeConfig' {
    Context 'Credentials and transport' {
        foreach ($case in $cases.Where({ $true })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }
}
