BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $fixtures = Get-RepositoryPath tests fixtures kubeconfig
}

Describe 'Test-KubeConfig' {
    It 'writes only failures by default and every result with -IncludePassed' {
        $failures = @(Test-KubeConfig -Path "$fixtures/KC003/fail*.yaml")
        $all = @(Test-KubeConfig -Path "$fixtures/KC003/fail*.yaml" -IncludePassed)

        $failures | Should -Not -BeNullOrEmpty
        foreach ($failure in $failures) { $failure.Status.ToString() | Should -BeExactly 'Fail' }
        $failures.RuleId | Should -Contain 'KC003'
        $all.Count | Should -BeGreaterThan $failures.Count
        @($all | ForEach-Object { $_.Status.ToString() }) | Should -Contain 'Pass'
    }

    It 'binds the files of Get-ChildItem by PSPath' {
        $findings = @(Get-ChildItem -LiteralPath "$fixtures/KC004" -Filter 'fail.yaml' | Test-KubeConfig)

        $findings.Count | Should -Be 1
        $findings[0].RuleId | Should -BeExactly 'KC004'
    }

    It 'audits piped text lines as one document' {
        $text = Get-Content -Raw -LiteralPath "$fixtures/KC005/fail.yaml"

        $seen = @($text -split "`n" | Test-KubeConfig | ForEach-Object { $_.RuleId; $_.Target.File; $_.Target.Line } | ForEach-Object ToString)

        $seen | Should -Be @('KC005', '(pipeline input)', '8')
    }

    It 'answers with -Quiet whether anything failed' {
        Test-KubeConfig -Path "$fixtures/KC004/fail.yaml" -Quiet | Assert-QuietAnswer $false
        Test-KubeConfig -Path "$fixtures/KC004/pass.yaml" -Quiet | Assert-QuietAnswer $true
    }

    It 'reports bad and missing files as errors that name them and still audits the rest' {
        $folder = New-TestFolder
        $broken = Join-Path $folder "broken-$([guid]::NewGuid().ToString('N')).kubeconfig"
        Set-Content -LiteralPath $broken -NoNewline -Value "users:`n  - name: u`n    user: [`n"
        try {
            $run = Invoke-Captured { Test-KubeConfig -LiteralPath $broken, "$fixtures/nope.yaml", "$fixtures/KC004/fail.yaml" }
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }

        @($run.Output).Count | Should -Be 1
        @($run.Errors).Count | Should -Be 2
        $invalid = @($run.Errors | Where-Object { $_.FullyQualifiedErrorId.StartsWith('InvalidKubeConfig,', [System.StringComparison]::Ordinal) })
        $invalid.Count | Should -Be 1
        $invalid[0].ToString() | Should -BeLikeExactly "*$(Split-Path -Leaf $broken):4:1: not valid YAML*"
        @($run.Errors | Where-Object { $_.FullyQualifiedErrorId.StartsWith('PathNotFound,', [System.StringComparison]::Ordinal) -and $_.ToString().Contains('nope.yaml') }).Count |
            Should -Be 1
    }

    It 'reads the files of KUBECONFIG without a path' {
        $variable = (Join-Path $fixtures 'absent.yaml'), (Join-Path $fixtures 'KC004' 'fail.yaml') -join [System.IO.Path]::PathSeparator

        $findings = @(& { $env:KUBECONFIG = $variable; try { Test-KubeConfig } finally { $env:KUBECONFIG = $null } })

        $findings.Count | Should -Be 1
        $findings[0].RuleId | Should -BeExactly 'KC004'
    }

    It 'shows the rule and never the secret to a user' {
        $run = Invoke-Captured { Test-KubeConfig -Path "$fixtures/KC003/fail-password.yaml" | Format-List RuleId, Message, Evidence | Format-AsUserSees }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeLikeExactly '*KC003*'
        $run.Output | Should -BeLikeExactly '*masked*'
        $run.Output | Should -Not -BeLikeExactly '*S3cr3t-Passw0rd!*'
    }
}
