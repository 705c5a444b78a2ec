BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $findings = @(& (Join-Path $PSScriptRoot 'TestFindings.ps1'))

    function Invoke-Gate {
        # The terminating error the gate throws, as a script's catch block sees it; $null when the gate passes.
        param([Parameter(ValueFromPipeline)] $InputObject, [string] $MinimumSeverity, [string] $Positional)
        begin { $items = [System.Collections.Generic.List[object]]::new() }
        process { $items.Add($InputObject) }
        end {
            $named = @{}
            if ($MinimumSeverity) { $named.MinimumSeverity = $MinimumSeverity }
            [object[]] $byPosition = @()
            if ($Positional) { $byPosition = @($Positional) }
            try { $items | Assert-ContainerSecurityFinding @named @byPosition | Out-Null; $null } catch { $_ }
        }
    }
}

Describe 'Assert-ContainerSecurityFinding' {
    It 'throws a terminating error listing the open findings at or above the minimum' {
        $failure = $findings | Invoke-Gate -MinimumSeverity Medium

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeExactly 'UnwaivedFindingsRemain,ContainerSecurity.Commands.AssertContainerSecurityFindingCommand'
        $failure.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::SecurityError)
        $failure.Exception.Message | Should -BeLikeExactly '2 unwaived finding(s) at or above Medium remain:*'
        $failure.Exception.Message | Should -Match 'High\s+KP001\s+k8s/web.yaml:7'
        $failure.Exception.Message | Should -Match 'Medium\s+KP016\s+k8s/api.yaml:3'
        $failure.Exception.Message | Should -Not -BeLikeExactly '*KP002*' -Because 'KP002 is waived'
        @($failure.TargetObject).Count | Should -Be 2
        $failure.TargetObject -is [array] | Should -BeTrue
    }

    It 'gates at High by default' {
        $failure = $findings | Invoke-Gate

        $failure.Exception.Message | Should -BeLikeExactly '1 unwaived finding(s) at or above High remain:*'
    }

    It 'lets waived, passed and lower findings through' {
        $findings | Invoke-Gate -MinimumSeverity Critical | Should -BeNullOrEmpty
        $findings | Where-Object RuleId -ne 'KP001' | Invoke-Gate -Positional High | Should -BeNullOrEmpty
        @() | Invoke-Gate -Positional Info | Should -BeNullOrEmpty
    }

    It 'passes the findings on with -PassThru and gates deserialized copies too' {
        @($findings | Assert-ContainerSecurityFinding -MinimumSeverity Critical -PassThru).Count | Should -Be 5

        $failure = ConvertTo-CliXmlCopy $findings -Depth 4 | Invoke-Gate -Positional High
        $failure | Should -Not -BeNullOrEmpty
        $failure.Exception.Message | Should -BeLikeExactly '*KP001*'
    }

    It 'gates the rows of the CSV report read back as text' {
        # What Import-Csv returns for two rows of Export-ContainerSecurityReport -Format Csv: every value a string.
        $rows = @(
            [pscustomobject]@{ RuleId = 'KP001'; Title = 'x'; Status = 'Fail'; Severity = 'High'; Stride = 'Spoofing'; Platform = 'Kubernetes'; Asset = 'Pod'
                Target = 'k8s/web.yaml:7 shop/Deployment/web[nginx]'; File = 'k8s/web.yaml'; Line = '7'; Column = ''; Namespace = 'shop'; Kind = 'Deployment'; Name = 'web'
                Container = 'nginx'; FieldPath = ''; Host = ''; Message = 'NET_RAW is not dropped'; Observed = 'drop: (unset)'; Expected = 'ALL'; EvidenceSource = 'k8s/web.yaml:12'
                Remediation = 'Drop ALL.'; IsWaived = 'False'; WaiverReason = ''; WaiverExpires = ''; Cis = '5.2.8' }
            [pscustomobject]@{ RuleId = 'KP002'; Title = 'x'; Status = 'Fail'; Severity = 'Critical'; Stride = 'ElevationOfPrivilege;Tampering'; Platform = 'Kubernetes'; Asset = 'Pod'
                Target = 'k8s/ops.yaml:3 ops/Deployment/debug'; File = 'k8s/ops.yaml'; Line = '3'; Column = ''; Namespace = 'ops'; Kind = 'Deployment'; Name = 'debug'
                Container = ''; FieldPath = ''; Host = ''; Message = 'privileged'; Observed = ''; Expected = ''; EvidenceSource = ''
                Remediation = 'No.'; IsWaived = 'True'; WaiverReason = 'break-glass pod'; WaiverExpires = '2030-01-01'; Cis = '' }
        )

        $failure = $rows | Invoke-Gate -Positional High

        $failure | Should -Not -BeNullOrEmpty
        $failure.Exception.Message | Should -BeLikeExactly '1 unwaived finding(s) at or above High remain:*'
        $failure.Exception.Message | Should -BeLikeExactly '*k8s/web.yaml:7 shop/Deployment/web`[nginx`]*'
    }

    It 'fails a pwsh script with exit code 1 and prints the findings on stderr' {
        $make = ". '$(Join-Path $PSScriptRoot 'TestFindings.ps1')' | Set-Variable findings; "
        $import = "Import-Module '$(Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1)'; "
        $errorFile = Join-Path (New-TestFolder) 'stderr.txt'

        & (Get-PwshPath) -NoProfile -NonInteractive -Command ($import + $make + '$findings | Assert-ContainerSecurityFinding -MinimumSeverity High') 2> $errorFile | Out-Null
        $failingExit = $LASTEXITCODE
        $failingError = Get-Content -Raw -LiteralPath $errorFile
        $passingOutput = & (Get-PwshPath) -NoProfile -NonInteractive -Command ($import + $make + '$findings | Assert-ContainerSecurityFinding -MinimumSeverity Critical; ''gate passed''')
        $passingExit = $LASTEXITCODE
        Remove-Item -LiteralPath (Split-Path $errorFile) -Recurse -Force

        $failingExit | Should -Be 1
        $failingError | Should -BeLikeExactly '*1 unwaived finding(s) at or above High remain*'
        $failingError | Should -BeLikeExactly '*KP001*'
        $passingExit | Should -Be 0
        $passingOutput -join "`n" | Should -BeLikeExactly '*gate passed*'
    }
}
