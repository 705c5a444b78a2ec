BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $fixtures = Get-RepositoryPath tests fixtures cluster
}

Describe 'Get-ClusterThreat from files' {
    It 'gives static pods and kubelet files their CIS ids' {
        $findings = @(Get-ClusterThreat -Path "$fixtures/KC007/fail.yaml", "$fixtures/KC015/fail.yaml" |
                ForEach-Object { $_.RuleId + ' ' + ($_.Cis -join ',') + ' ' + $_.Target.Line })

        $findings.Count | Should -Be 2
        $findings | Should -Contain 'KC007 1.2.1 12'
        @($findings | Where-Object { $_.StartsWith('KC015 4.2.4 ', [System.StringComparison]::Ordinal) }).Count | Should -BeGreaterThan 0
    }

    It 'filters namespace rules by wildcard and adds passes with -IncludePassed' {
        $failures = @(Get-ClusterThreat -Path "$fixtures/KN001/fail.yaml" -RuleId KN*)
        $all = @(Get-ClusterThreat -Path "$fixtures/KN001/fail.yaml" -RuleId KN* -IncludePassed)

        $failures.Count | Should -Be 1
        $failures[0].RuleId | Should -BeExactly 'KN001'
        $all.Count | Should -Be 5
    }
}
