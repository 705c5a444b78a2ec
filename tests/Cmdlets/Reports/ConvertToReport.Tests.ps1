BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

Describe 'ConvertTo-ContainerSecurityReport' {
    BeforeAll {
        $folder = New-TestFolder
        $findings = Get-PodThreat -Path (Get-RepositoryPath examples kubernetes)
    }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

    It 'returns one string holding exactly what Export-ContainerSecurityReport writes as <Format>' -ForEach @(
        @{ Format = 'Sarif' }, @{ Format = 'Csv' }, @{ Format = 'Json' }
    ) {
        $path = Join-Path $folder "report.$Format"
        $findings | Export-ContainerSecurityReport -LiteralPath $path -Format $Format -Force
        $text = @($findings | ConvertTo-ContainerSecurityReport -Format $Format)

        $text.Count | Should -Be 1
        $text[0] | Should -BeOfType ([string])
        $text[0] | Should -BeExactly ([IO.File]::ReadAllText($path))
    }

    It 'returns JUnit XML that parses, one test case per rule and target' {
        $xml = [xml] ($findings | ConvertTo-ContainerSecurityReport -Format JUnit)
        @($xml.testsuites.testsuite).Count | Should -Be @($findings.RuleId | Sort-Object -Unique).Count
    }

    It 'writes enums as names in JSON' {
        $json = $findings | ConvertTo-ContainerSecurityReport -Format Json
        $json | Should -Match '"Severity": "Critical"'
        $json | Should -Match '"Status": "Fail"'
        $json | Should -Not -Match '"Severity": \d'
        $first = ($json | ConvertFrom-Json)[0]
        $first.Severity | Should -BeIn ([enum]::GetNames([ContainerSecurity.Severity]))
        @($first.Stride) | ForEach-Object { $_ | Should -BeIn ([enum]::GetNames([ContainerSecurity.StrideCategory])) }
    }

    It 'JSON read back with ConvertFrom-Json fails the gate as the live findings do' {
        $json = $findings | ConvertTo-ContainerSecurityReport -Format Json
        { $json | ConvertFrom-Json | Assert-ContainerSecurityFinding -MinimumSeverity Critical } | Should -Throw -ErrorId 'UnwaivedFindingsRemain*'
        { $json | ConvertFrom-Json | Where-Object Severity -ne 'Critical' | Assert-ContainerSecurityFinding -MinimumSeverity Critical } | Should -Not -Throw
    }

    It 'is exported by the manifest and declares its output type' {
        (Test-ModuleManifest (Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1)).ExportedCmdlets.Keys | Should -Contain 'ConvertTo-ContainerSecurityReport'
        (Get-Command ConvertTo-ContainerSecurityReport).OutputType.Type | Should -Contain ([string])
    }
}
