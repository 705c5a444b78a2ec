BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

# The README's main job: examples/audit.ps1 in a new pwsh session, exactly as build.ps1 -Task Examples runs it.
Describe 'The main job on the bundled examples' {
    BeforeAll {
        $output = New-TestFolder
        $script = "Import-Module '$(Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1)'; " +
            "& '$(Get-RepositoryPath examples audit.ps1)' -OutputDirectory '$output'"
        $printed = & (Get-PwshPath) -NoProfile -NonInteractive -Command $script 2>&1
        $exitCode = $LASTEXITCODE
    }
    AfterAll { Remove-Item -LiteralPath $output -Recurse -Force }

    It 'ends without an error' {
        $exitCode | Should -Be 0 -Because ($printed -join [Environment]::NewLine)
    }

    It 'writes a SARIF log whose results name every audited area' {
        $sarif = Get-Content -Raw -LiteralPath (Join-Path $output 'results.sarif') | ConvertFrom-Json
        $ruleIds = $sarif.runs[0].results.ruleId
        foreach ($prefix in 'DD', 'DC', 'DI', 'KP', 'KR', 'KC') {
            @($ruleIds -like "$prefix*").Count | Should -BeGreaterThan 0 -Because "the examples hold $prefix findings"
        }
    }

    It 'writes the cheat sheet in HTML and Markdown with the worst findings in it' {
        Get-Content -Raw -LiteralPath (Join-Path $output 'cheat-sheet.html') | Should -Match 'KP002'
        Get-Content -Raw -LiteralPath (Join-Path $output 'cheat-sheet.md') | Should -Match 'KP002'
    }

    It 'shows that the gate would fail on the unwaived Critical findings' {
        ($printed -join "`n") | Should -Match 'The gate would fail a CI job: \d+ unwaived finding'
    }
}
