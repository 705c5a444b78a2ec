# Test-KubeConfig reports one error per broken file or entry and audits the rest.
# (A folder given to -Path is refused with PathIsFolder: tests/Cmdlets/Inputs/InputPaths.Tests.ps1.)
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $script:folder = New-TestFolder
    $script:broken = Join-Path $script:folder 'broken.yaml'
    Set-Content -LiteralPath $script:broken -Value "users:`n- name: a`n  user: [b`n"
    $script:good = Join-Path $script:folder 'good.yaml'
    Set-Content -LiteralPath $script:good -Value "users:`n- name: c`n  user:`n    username: u`n    password: hunter2`n"
    $script:entries = Join-Path $script:folder 'entries.yaml'
    Set-Content -LiteralPath $script:entries -Value @'
users:
- name: a
  user:
    token: [[1]]
- name: c
  user:
    username: u
    password: hunter2
'@
}
AfterAll { Remove-Item -LiteralPath $script:folder -Recurse -Force }

Describe 'Test-KubeConfig on broken input' {
    It 'a malformed file is a non-terminating error with line:column, and the next file is audited' {
        $errors = $null
        $findings = Test-KubeConfig -Path $script:broken, $script:good -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeLike "$($script:broken):5:1: not valid YAML*"
        $errors[0].Exception | Should -Not -BeOfType [System.InvalidOperationException]
        ($findings | Where-Object RuleId -eq KC003).Target.File | Should -Be $script:good
    }

    It 'a token that is a nested list is an error for that entry; the other entries are audited' {
        $errors = $null
        $findings = Test-KubeConfig -Path $script:entries -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeLike "$($script:entries):4:12: users``[0``].user.token must be a string, not a list ('a')*"
        ($findings | Where-Object RuleId -eq KC003).Target.Name | Should -Be 'c'
        Test-KubeConfig -Path $script:entries -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }
}
