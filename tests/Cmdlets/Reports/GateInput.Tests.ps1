BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

Describe 'Assert-ContainerSecurityFinding on input it cannot read' {
    BeforeAll {
        $folder = New-TestFolder
        $findings = Get-PodThreat -Path (Get-RepositoryPath examples kubernetes)
    }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

    It 'fails when Export-Csv rows (not findings) come in, naming how many could not be read' {
        $csv = Join-Path $folder 'export-csv.csv'
        $findings | Export-Csv -LiteralPath $csv
        $rows = Import-Csv -LiteralPath $csv
        $thrown = $null
        try { $rows | Assert-ContainerSecurityFinding -MinimumSeverity Critical -ErrorAction SilentlyContinue } catch { $thrown = $_ }

        $thrown | Should -Not -BeNullOrEmpty -Because 'a gate that skipped what it could not read proved nothing'
        $thrown.FullyQualifiedErrorId | Should -BeLike 'UnreadableFindings,*'
        $thrown.Exception.Message | Should -BeLike "*$(@($rows).Count) of $(@($rows).Count) input object(s)*"
    }

    It 'fails when one object among real findings is not a finding, even at a severity nothing reaches' {
        $inputs = @($findings | Where-Object Severity -ne 'Critical') + [pscustomobject]@{ Name = 'not a finding' }
        { $inputs | Assert-ContainerSecurityFinding -MinimumSeverity Critical -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'UnreadableFindings*' -ExpectedMessage "*1 of $($inputs.Count) input object(s)*"
    }

    It 'still names each unreadable object in a non-terminating error' {
        $errors = $null
        try { [pscustomobject]@{ RuleId = 'KP001' } | Assert-ContainerSecurityFinding -ErrorAction SilentlyContinue -ErrorVariable errors } catch { }
        @($errors | Where-Object { "$($_.FullyQualifiedErrorId)" -like 'InvalidFinding,*' }).Count | Should -Be 1
    }

    It 'keeps accepting rows of the CSV report read with Import-Csv' {
        $csv = Join-Path $folder 'report.csv'
        $findings | Where-Object Severity -ne 'Critical' | Export-ContainerSecurityReport -LiteralPath $csv
        { Import-Csv -LiteralPath $csv | Assert-ContainerSecurityFinding -MinimumSeverity Critical } | Should -Not -Throw
        $findings | Export-ContainerSecurityReport -LiteralPath $csv -Force
        { Import-Csv -LiteralPath $csv | Assert-ContainerSecurityFinding -MinimumSeverity Critical } | Should -Throw -ErrorId 'UnwaivedFindingsRemain*'
    }
}
