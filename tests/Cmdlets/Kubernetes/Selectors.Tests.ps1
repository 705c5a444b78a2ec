# A -RuleId that selects nothing, and piped text that is no Kubernetes object, are errors, never a clean result.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $script:examples = Get-RepositoryPath examples kubernetes
}

Describe 'Kubernetes audits refuse a -RuleId that selects none of their rules' {
    It '<Command> -RuleId <RuleId> is a terminating NoRuleSelected error' -ForEach @(
        @{ Command = 'Get-PodThreat'; RuleId = 'KP999' }
        @{ Command = 'Get-PodThreat'; RuleId = 'DC005' }
        @{ Command = 'Get-RbacThreat'; RuleId = 'KP999' }
        @{ Command = 'Get-RbacThreat'; RuleId = 'KP001' }
        @{ Command = 'Get-ClusterThreat'; RuleId = 'KP999' }
        @{ Command = 'Get-ClusterThreat'; RuleId = 'KR00*' }
    ) {
        $err = $null
        try { & $Command -Path $script:examples -RuleId $RuleId -ErrorAction Stop | Out-Null } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'NoRuleSelected*'
        $err.Exception.Message | Should -BeLike "*$Command has no rule that matches -RuleId '$RuleId'*"
    }

    It 'a selector that matches one of its rules still audits' {
        Get-PodThreat -Path $script:examples -RuleId 'KP00*', 'KP999' | Should -Not -BeNullOrEmpty
    }
}

Describe 'A piped string that is not a Kubernetes object is an error' {
    It '<Command> says what it received and points to -Path' -ForEach @(
        @{ Command = 'Get-PodThreat' }
        @{ Command = 'Get-RbacThreat' }
        @{ Command = 'Get-ClusterThreat' }
    ) {
        $errors = $null
        $out = 'kubernetes/shop.yaml' | & $Command -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NotKubernetesObject*'
        $errors[0].Exception.Message | Should -BeLike "*'kubernetes/shop.yaml', which looks like a file name*-Path*"
    }

    It 'Test-KubeConfig says the same' {
        $errors = $null
        'kubernetes/config.yaml' | Test-KubeConfig -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeLike '*The pipeline gave one string*-Path*'
        'kubernetes/config.yaml' | Test-KubeConfig -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'manifest text from the pipeline is still audited' {
        Get-Content -Raw (Join-Path $script:examples 'shop.yaml') | Get-PodThreat | Should -Not -BeNullOrEmpty
    }
}
