BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    Import-Module (Join-Path $PSScriptRoot 'SuiteRun.psm1') -Force
}

# The module is imported while Pester runs these tests, so its operators are registered at import.
Describe 'Should -HaveNoFinding' {
    BeforeAll {
        $findings = @(Get-PodThreat -Path (Get-RepositoryPath examples kubernetes))
    }

    It 'lists the open findings (severity, rule, target with file:line, message) when there are any' {
        $failure = { $findings | Should -HaveNoFinding -MinimumSeverity Critical } | Should -Throw -PassThru
        $message = $failure.Exception.Message
        $message | Should -Match 'Expected no open finding at or above Critical'
        $kp002 = $findings | Where-Object { $_.RuleId -eq 'KP002' -and -not $_.IsWaived } | Select-Object -First 1
        $message | Should -Match ("Critical\s+KP002\s+" + [regex]::Escape("$($kp002.Target): $($kp002.Message)"))
        $message | Should -Match ([regex]::Escape("node-agent.yaml:$($kp002.Target.Line)"))
        $message | Should -Not -Match 'Expected \$true'
    }

    It 'does not count waived findings' {
        $waived = @($findings | Where-Object IsWaived)
        $waived.Count | Should -BeGreaterThan 0
        $waived | Should -HaveNoFinding
    }

    It 'selects rules by wildcard and severity' {
        $findings | Should -HaveNoFinding -RuleId 'KP999*'
        $failure = { $findings | Should -HaveNoFinding -RuleId 'KP03*' -MinimumSeverity Medium } | Should -Throw -ExpectedMessage '*KP031*' -PassThru
        $failure.Exception.Message | Should -Match 'but found 2:'
        $failure.Exception.Message | Should -Match 'Medium\s+KP039\s'
        $failure.Exception.Message | Should -Not -Match 'Critical\s+KP'
    }

    It 'passes for clean input and, negated, fails for it with a reason' {
        @() | Should -HaveNoFinding
        $passed = @(Get-PodThreat -Path (Get-RepositoryPath examples kubernetes shop.yaml) -IncludePassed | Where-Object Status -eq 'Pass')
        $passed | Should -HaveNoFinding
        { $passed | Should -Not -HaveNoFinding -Because 'the audit must find something' } |
            Should -Throw -ExpectedMessage 'Expected at least one open finding at or above Info for rules *, because the audit must find something, but found none.'
        $findings | Should -Not -HaveNoFinding
    }

    It 'counts a check that could not run as a failure' {
        $errorFinding = [pscustomobject]@{ RuleId = 'DD001'; Status = 'Error'; Severity = 'Low'; Target = 'unix:///var/run/docker.sock'; Message = 'the daemon did not answer'; IsWaived = $false }
        { $errorFinding | Should -HaveNoFinding -MinimumSeverity Critical } | Should -Throw -ExpectedMessage '*DD001*the daemon did not answer*'
    }

    It 'rejects input that is not a finding' {
        { 'text' | Should -HaveNoFinding } | Should -Throw -ExpectedMessage "Expected ContainerSecurity findings*but got ``[System.String``] 'text'."
    }
}

Describe 'Should -MeetPodSecurityLevel' {
    BeforeAll {
        $assessments = @(Get-PodThreat -Path (Get-RepositoryPath examples kubernetes) -PodSecurityLevel)
    }

    It 'passes when every workload meets the level' {
        $assessments | Where-Object { $_.Target.Name -eq 'storefront' } | Should -MeetPodSecurityLevel Restricted
        $assessments | Where-Object { $_.Target.Name -ne 'node-agent' -and $_.Target.Name -ne 'cache' } | Should -MeetPodSecurityLevel Baseline
    }

    It 'lists the workloads below the level with the controls that keep them there' {
        $failure = { $assessments | Should -MeetPodSecurityLevel Restricted } | Should -Throw -PassThru
        $message = $failure.Exception.Message
        $message | Should -Match 'Expected every workload to meet the Pod Security Standards Restricted level, but 3 of 4 do not:'
        $agent = $assessments | Where-Object { $_.Target.Name -eq 'node-agent' }
        $message | Should -Match ([regex]::Escape("Privileged $($agent.Target): hostNamespaces: spec.template.spec.hostPID"))
        $message | Should -Match 'runAsNonRoot: '
        $message | Should -Not -Match 'storefront'
    }

    It 'assesses manifest paths given as input' {
        { Get-RepositoryPath examples kubernetes | Should -MeetPodSecurityLevel Baseline } | Should -Throw -ExpectedMessage '*node-agent*'
        Get-Item (Get-RepositoryPath examples kubernetes node-agent.yaml) | Should -MeetPodSecurityLevel Privileged
    }

    It 'never passes on nothing assessed, negated or not' {
        { @() | Should -MeetPodSecurityLevel Baseline } | Should -Throw -ExpectedMessage '*no workload was assessed*'
        { @() | Should -Not -MeetPodSecurityLevel Baseline } | Should -Throw -ExpectedMessage '*no workload was assessed*'
        { Join-Path (New-TestFolder) 'missing.yaml' | Should -MeetPodSecurityLevel Baseline } | Should -Throw -ExpectedMessage 'Could not assess the workloads in *missing.yaml*'
    }

    It 'rejects a level that does not exist' {
        { $assessments | Should -MeetPodSecurityLevel Hardened } | Should -Throw -ExpectedMessage "'Hardened' is not a Pod Security Standards level*"
    }
}

# Load order: the operators must work whether the module or Pester is loaded first.
Describe 'Registering the operators' {
    BeforeAll {
        $folder = New-TestFolder
        Set-Content -LiteralPath (Join-Path $folder 'Uses.Tests.ps1') -Value @"
Describe 'operators' {
    It 'fails with the finding' { Get-PodThreat -Path '$(Get-RepositoryPath examples kubernetes node-agent.yaml)' | Should -HaveNoFinding -MinimumSeverity Critical }
    It 'meets the level' { '$(Get-RepositoryPath examples kubernetes node-agent.yaml)' | Should -MeetPodSecurityLevel Privileged }
}
"@
        $manifest = Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1
        $report = "`$r = Invoke-Pester -Path '$folder' -PassThru -Output None; `$r.Tests | ForEach-Object { `"`$(`$_.Name)=`$(`$_.Result)=`$(`$_.ErrorRecord.Exception.Message)`" }"
    }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

    It 'registers them when the module is imported after Pester' {
        $run = Invoke-ChildScript -Script "Import-Module Pester -RequiredVersion 5.9.1; Import-Module '$manifest'; $report"
        $run.Output | Should -Match '(?s)fails with the finding=Failed=Expected no open finding at or above Critical.*KP002' -Because $run.Output
        $run.Output | Should -Match 'meets the level=Passed='
    }

    It 'registers them when Pester is loaded after the module (Invoke-Pester autoloads it)' {
        $run = Invoke-ChildScript -Script "Import-Module '$manifest'; if (Get-Module Pester) { throw 'Pester loaded early' }; $report"
        $run.Output | Should -Match '(?s)fails with the finding=Failed=Expected no open finding at or above Critical.*KP002' -Because $run.Output
        $run.Output | Should -Match 'meets the level=Passed='
    }
}
