<#
    Containers: CIS Docker Benchmark 1.6.0 section 5 (container runtime) and secrets in the environment, through
    Get-ContainerThreat. Targets: ContainerInspectPath (saved `docker inspect` output) and DockerHost (the running
    containers of that daemon).
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
    $cases = Invoke-ComplianceAudit -Suite DockerContainers -Settings $settings
    if ($null -eq $cases) {
        $cases = @(New-NoTargetTestCase -Suite 'Docker.Containers.Tests.ps1' -Settings 'ContainerInspectPath or DockerHost')
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ContainerSecurity.Compliance.ps1')
}

Describe 'Docker containers (CIS Docker 5)' -Tag 'Docker', 'DockerContainer' {
    Context 'Container runtime' {
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
