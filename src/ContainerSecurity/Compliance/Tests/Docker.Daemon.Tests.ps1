<#
    The Docker host: CIS Docker Benchmark 1.6.0 section 2 (daemon configuration), section 3 (daemon configuration
    files: owner and mode of units, sockets, certificates, daemon.json) and 4.5 (content trust), through
    Test-DockerDaemonConfig. Targets: DaemonConfigPath (with DaemonArgument) offline, or DockerHost live; Root for a host
    file system mounted elsewhere.
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
    $cases = Invoke-ComplianceAudit -Suite DockerDaemon -Settings $settings
    if ($null -eq $cases) {
        $cases = @(New-NoTargetTestCase -Suite 'Docker.Daemon.Tests.ps1' -Settings 'DaemonConfigPath, Root or DockerHost')
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'ContainerSecurity.Compliance.ps1')
}

Describe 'Docker host (CIS Docker 2, 3, 4.5)' -Tag 'Docker', 'DockerDaemon' {
    Context 'CIS 2: Docker daemon configuration' {
        foreach ($case in $cases.Where({ $_.RuleId -like 'DD*' -and $_.Tags -like 'CIS-Docker-2.*' })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }

    Context 'CIS 3: Docker daemon configuration files' {
        foreach ($case in $cases.Where({ $_.Tags -like 'CIS-Docker-3.*' })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }

    Context 'CIS 4.5: Content trust' {
        foreach ($case in $cases.Where({ $_.Tags -contains 'CIS-Docker-4.5' })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }

    Context 'Other host checks' {
        foreach ($case in $cases.Where({ $_.Outcome -ne 'Manual' -and -not ($_.Tags -like 'CIS-Docker-2.*' -or $_.Tags -like 'CIS-Docker-3.*' -or $_.Tags -contains 'CIS-Docker-4.5') })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }

    Context 'Checks by hand' -Tag 'Manual' {
        foreach ($case in $cases.Where({ $_.Outcome -eq 'Manual' })) {
            It $case.Name -Tag $case.Tags -ForEach @($case) { Assert-ComplianceTestCase $_ }
        }
    }
}
