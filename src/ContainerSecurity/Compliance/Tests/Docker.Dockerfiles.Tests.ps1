<#
    Dockerfiles: CIS Docker Benchmark 1.6.0 section 4 and the image rules (remote scripts, secrets in layers, setuid,
    package managers), through Get-DockerfileThreat. Target: DockerfilePath (files or folders).
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
    $cases = Invoke-ComplianceAudit -Suite Dockerfiles -Settings $settings
    if ($null -eq $cases) {
        $cases = @(New-NoTargetTestCase -Suite 'Docker.Dockerfiles.Tests.ps1' -Settings 'DockerfilePath')
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ContainerSecurity.Compliance.ps1')
}

Describe 'Dockerfiles (CIS Docker 4)' -Tag 'Docker', 'Dockerfile' {
    Context 'Dockerfile rules' {
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
