BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    Import-Module (Join-Path $PSScriptRoot 'SuiteRun.psm1') -Force
}

Describe 'Install-ContainerSecurityTest' {
    BeforeAll {
        $root = New-TestFolder
        $shipped = @(Get-ChildItem -LiteralPath (Get-RepositoryPath out ContainerSecurity Tests) -File).Name
    }
    AfterAll { Remove-Item -LiteralPath $root -Recurse -Force }

    It 'copies every suite, the shared helper and the configuration file' {
        $folder = Join-Path $root 'compliance'
        $copied = @(Install-ContainerSecurityTest -Path $folder -PassThru)
        $copied | ForEach-Object { $_ | Should -BeOfType System.IO.FileInfo }
        @($copied.Name | Sort-Object) | Should -Be @($shipped | Sort-Object)
        $shipped | Should -Contain 'containersecurity.tests.psd1'
        @($shipped -like '*.Tests.ps1').Count | Should -Be 7
    }

    It 'writes nothing with -WhatIf' {
        $folder = Join-Path $root 'whatif'
        Install-ContainerSecurityTest -Path $folder -WhatIf
        $folder | Should -Not -Exist
    }

    It 'keeps the team''s files unless -Force, and never replaces their configuration' {
        $folder = Join-Path $root 'update'
        Install-ContainerSecurityTest -Path $folder
        $configuration = Join-Path $folder 'containersecurity.tests.psd1'
        Set-Content -LiteralPath $configuration -Value "@{ ManifestPath = @('k8s') }"
        Add-Content -LiteralPath (Join-Path $folder 'Kubernetes.Rbac.Tests.ps1') -Value '# edited by the team'

        Install-ContainerSecurityTest -Path $folder -ErrorVariable refused -ErrorAction SilentlyContinue
        @($refused).Count | Should -Be ($shipped.Count - 1)
        $refused[0].FullyQualifiedErrorId | Should -Be 'SuiteFileExists,Install-ContainerSecurityTest'
        Get-Content -Raw -LiteralPath (Join-Path $folder 'Kubernetes.Rbac.Tests.ps1') | Should -Match 'edited by the team'

        Install-ContainerSecurityTest -Path $folder -Force
        Get-Content -Raw -LiteralPath (Join-Path $folder 'Kubernetes.Rbac.Tests.ps1') | Should -Not -Match 'edited by the team'
        Get-Content -Raw -LiteralPath $configuration | Should -Match "ManifestPath = @\('k8s'\)"
    }

    It 'refuses a destination that is a file' {
        $file = Join-Path $root 'a-file'
        Set-Content -LiteralPath $file -Value ''
        { Install-ContainerSecurityTest -Path $file } | Should -Throw -ErrorId 'DestinationNotAFolder,Install-ContainerSecurityTest'
    }
}

# The installed copies are plain Pester files: Invoke-Pester runs them with the targets of the configuration file.
Describe 'Installed suites under plain Invoke-Pester' {
    BeforeAll {
        $folder = Join-Path (New-TestFolder) 'compliance'
        Install-ContainerSecurityTest -Path $folder
        $examples = [IO.Path]::GetRelativePath($folder, (Get-RepositoryPath examples)) -replace '\\', '/'
        Set-Content -LiteralPath (Join-Path $folder 'containersecurity.tests.psd1') -Value @"
@{
    ManifestPath    = @('$examples/kubernetes')
    MinimumSeverity = 'High'
}
"@
        $run = Invoke-ChildScript -Script @"
Import-Module Pester -RequiredVersion 5.9.1
Import-Module '$(Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1)'
Set-Location '$([IO.Path]::GetTempPath())'
`$result = Invoke-Pester -Path '$folder' -PassThru -Output None
`$result.Tests | ForEach-Object { "`$(`$_.Result)|`$(`$_.ExpandedName)" }
"@
        $lines = @($run.Output -split "`r?`n" | Where-Object { $_ -match '^(Passed|Failed|Skipped|Inconclusive|NotRun)\|' })
    }
    AfterAll { Remove-Item -LiteralPath (Split-Path $folder) -Recurse -Force }

    It 'reads relative targets from the configuration file next to the suites' {
        $lines | Should -Contain 'Failed|KP002 monitoring/DaemonSet/node-agent[agent]: Container runs in privileged mode' -Because $run.Output
        $lines | Should -Contain 'Passed|KP002 shop/Deployment/storefront[web]: Container runs in privileged mode'
        $lines | Should -Contain 'Skipped|KP010 monitoring/DaemonSet/node-agent: Pod shares the host PID namespace'
    }

    It 'applies the configured minimum severity' {
        $lines | Where-Object { $_ -match '\|KP031 ' } | Should -BeNullOrEmpty -Because 'KP031 is Medium'
    }

    It 'says which setting a suite without targets needs' {
        $lines | Should -Contain 'Skipped|Docker.Dockerfiles.Tests.ps1 has no target'
    }
}
