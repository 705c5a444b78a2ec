BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $findings = @(& (Join-Path $PSScriptRoot 'TestFindings.ps1'))
}

Describe 'Export-ContainerSecurityReport' {
    BeforeEach {
        $folder = New-TestFolder
        Push-Location -LiteralPath $folder
    }
    AfterEach {
        Pop-Location
        Remove-Item -LiteralPath $folder -Recurse -Force
    }

    It 'infers SARIF from the extension, with paths relative to the current location' {
        $findings | Export-ContainerSecurityReport -Path (Join-Path $folder 'scan.sarif')

        $sarif = Get-Content -Raw -LiteralPath (Join-Path $folder 'scan.sarif') | ConvertFrom-Json
        $run = $sarif.runs[0]
        $sarif.version | Should -BeExactly '2.1.0'
        $sourceRoot = [uri]::new($folder + '/').AbsoluteUri
        $run.originalUriBaseIds.SRCROOT.uri | Should -BeExactly $sourceRoot
        @($run.results).Count | Should -Be 5
        $run.tool.driver.semanticVersion | Should -BeExactly '0.1.0'
    }

    It 'writes JUnit that parses back with one test case per rule and target' {
        $findings | Export-ContainerSecurityReport -Path (Join-Path $folder 'junit.xml')

        $xml = [xml](Get-Content -Raw -LiteralPath (Join-Path $folder 'junit.xml'))
        @($xml.SelectNodes('//testcase')).Count | Should -Be 5
        $xml.DocumentElement.GetAttribute('failures') | Should -BeExactly '2'
        $kp016 = @($xml.SelectNodes('//failure') | ForEach-Object InnerText | Where-Object { $_.StartsWith('KP016', [System.StringComparison]::Ordinal) })
        $kp016.Count | Should -Be 1
        $kp016[0] | Should -BeLikeExactly '*Remediation: Fix KP016.*'
    }

    It 'writes CSV with one row per finding' {
        $findings | Export-ContainerSecurityReport -Path (Join-Path $folder 'findings.txt') -Format Csv

        $lines = Get-Content -LiteralPath (Join-Path $folder 'findings.txt')
        $lines.Count | Should -Be 6
        $lines[0] | Should -BeLikeExactly 'RuleId,Title,Status,Severity*'
    }

    It 'refuses a name that says no format, naming the choices' {
        $out = Join-Path $folder 'report.txt'
        $failure = try { Export-ContainerSecurityReport -Path $out; $null } catch { $_ }

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeExactly 'ReportFormatNotInferred,ContainerSecurity.Commands.ExportContainerSecurityReportCommand'
        $failure.Exception.Message | Should -BeLikeExactly '*-Format Sarif, JUnit, Csv or Json*'
        $out | Should -Not -Exist
    }
}
