BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

Describe 'Get-ContainerSecurityRule' {
    It 'filters by STRIDE category and composes with Where-Object' {
        $rules = @(Get-ContainerSecurityRule -Stride Spoofing | Where-Object Severity -eq 'High')

        $rules | Should -Not -BeNullOrEmpty
        $rules.Id | Should -Contain 'KP001'
        foreach ($rule in $rules) {
            $rule.Severity.ToString() | Should -Be 'High'
            @($rule.Stride | ForEach-Object ToString) | Should -Contain 'Spoofing'
        }
    }

    It 'takes wildcards in -Id and every filter narrows the result' {
        $all = @(Get-ContainerSecurityRule).Count
        $kubernetes = @(Get-ContainerSecurityRule -Id 'K*')
        $narrowed = @(Get-ContainerSecurityRule -Id 'K*' -Platform Kubernetes -Severity High, Critical -Mode Automated -Asset Pod)

        $kubernetes.Count | Should -BeLessThan $all
        foreach ($rule in $kubernetes) { $rule.Id | Should -BeLikeExactly 'K*' }
        $narrowed | Should -Not -BeNullOrEmpty
        $narrowed.Count | Should -BeLessOrEqual $kubernetes.Count
    }

    It 'takes findings from the pipeline by RuleId and writes each rule once' {
        $rules = @([pscustomobject]@{ RuleId = 'KP001' }, [pscustomobject]@{ RuleId = 'kp001' } | Get-ContainerSecurityRule)

        $rules.Count | Should -Be 1
        $rules[0].Id | Should -BeExactly 'KP001'
        $rules[0].PSObject.TypeNames | Should -Contain 'ContainerSecurity.SecurityRule'
    }

    It 'reports an unknown id as a non-terminating error and still returns the other ids' {
        $run = Invoke-Captured { Get-ContainerSecurityRule -Id NOPE999, KP001 }

        @($run.Output).Count | Should -Be 1
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeExactly 'RuleNotFound,ContainerSecurity.Commands.GetContainerSecurityRuleCommand'
        $run.Errors[0].ToString() | Should -BeLikeExactly '*NOPE999*'
    }

    It 'renders rules as a table with the module''s view' {
        $run = Invoke-Captured { Get-ContainerSecurityRule -Id KP001 | Format-AsUserSees }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Match 'Id\s+Severity\s+Platform\s+Stride\s+Mode\s+Title'
        $run.Output | Should -Match 'KP001\s+High\s+Kubernetes\s+Spoofing\s+Automated\s+Container does not drop the NET_RAW'
    }
}
