<#
    Kubernetes RBAC: who can read Secrets, exec into pods, create pods, escalate, bind, impersonate … (KR*), through
    Get-RbacThreat. Targets: ManifestPath (Roles, ClusterRoles and bindings among the manifests) and Context.
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
    $cases = Invoke-ComplianceAudit -Suite KubernetesRbac -Settings $settings
    if ($null -eq $cases) {
        $cases = @(New-NoTargetTestCase -Suite 'Kubernetes.Rbac.Tests.ps1' -Settings 'ManifestPath or Context')
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ContainerSecurity.Compliance.ps1')
}

Describe 'Kubernetes RBAC' -Tag 'Kubernetes', 'Rbac' {
    Context 'Dangerous rights' {
        foreach ($case in $cases.Where({ $true })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }
}
