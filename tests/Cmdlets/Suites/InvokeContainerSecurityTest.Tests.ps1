BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    Import-Module (Join-Path $PSScriptRoot 'SuiteRun.psm1') -Force
}

# The shipped suites run by Invoke-ContainerSecurityTest on the bundled examples, in a new pwsh (a Pester run cannot
# start another one inside itself). Expectations come from the audit cmdlets run here on the same files.
Describe 'Invoke-ContainerSecurityTest on the bundled examples' {
    BeforeAll {
        $output = New-TestFolder
        $examples = Get-RepositoryPath examples
        $run = Invoke-ContainerSecurityTestInChild -OutputDirectory $output -Parameters @{
            ManifestPath         = @("$examples/kubernetes", "$examples/cluster")
            DockerfilePath       = @("$examples/docker/Dockerfile")
            DaemonConfigPath     = "$examples/docker-daemon/daemon.json"
            ContainerInspectPath = @("$examples/docker/inspect-web.json")
            KubeConfig           = "$examples/cluster/admin.kubeconfig"
        }
        $tests = $run.Tests
        function Get-Test([string] $Like) { @($tests | Where-Object Name -like $Like) }
    }
    AfterAll { Remove-Item -LiteralPath $output -Recurse -Force }

    It 'runs every shipped suite and reports failures without breaking' {
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $tests.Count | Should -BeGreaterThan 300
        @($tests | Where-Object Name -like '*could not audit*').Count | Should -Be 0 -Because 'every example can be read'
        foreach ($prefix in 'DD', 'DF', 'DC', 'DI', 'KP', 'KR', 'KC', 'KN', 'DM', 'KM') {
            @($tests | Where-Object Name -like "$prefix*").Count |
                Should -BeGreaterThan 0 -Because "the examples exercise the $prefix rules"
        }
    }

    It 'fails one test per unwaived Critical finding, named by rule and object, with the remediation' {
        $critical = @(Get-PodThreat -Path (Get-RepositoryPath examples kubernetes) | Where-Object { $_.Severity -eq 'Critical' -and -not $_.IsWaived })
        $critical.Count | Should -BeGreaterThan 0
        foreach ($finding in $critical) {
            $name = "$($finding.RuleId) $($finding.Target.Namespace)/$($finding.Target.Kind)/$($finding.Target.Name)$(if ($finding.Target.Container) { "[$($finding.Target.Container)]" }): $($finding.Title)"
            $test = @(Get-Test ([WildcardPattern]::Escape($name)))
            $test.Count | Should -BeGreaterThan 0 -Because "$name should be a test"
            $test[0].Result | Should -Be 'Failed'
            $test[0].Message | Should -BeLike "*$($finding.Target.File):$($finding.Target.Line)*"
        }
        $kp002 = Get-Test 'KP002 monitoring/DaemonSet/node-agent`[agent`]: *'
        $kp002[0].Message | Should -Match ([regex]::Escape("Remediation: $((Get-ContainerSecurityRule -Id KP002).Remediation.Substring(0, 40))"))
        $kp002[0].Tags | Should -Contain 'KP002'
        $kp002[0].Tags | Should -Contain 'CIS-Kubernetes-5.2.2'
        $kp002[0].Tags | Should -Contain 'ElevationOfPrivilege'
        $kp002[0].Tags | Should -Contain 'Critical'
        $kp002[0].Tags | Should -Contain 'PSS-Baseline'
    }

    It 'passes the rules a workload meets' {
        (Get-Test 'KP002 shop/Deployment/storefront`[web`]: *')[0].Result | Should -Be 'Passed'
    }

    It 'skips a waived finding with the waiver''s reason' {
        $waived = Get-Test 'KP010 monitoring/DaemonSet/node-agent: *'
        $waived[0].Result | Should -Be 'Skipped'
        $waived[0].Message | Should -Match 'SEC-311'
    }

    It 'marks the manual rules inconclusive with what to check by hand' {
        $manual = Get-Test 'KM005 (check by hand): *'
        $manual[0].Result | Should -Be 'Inconclusive'
        $manual[0].Message | Should -Match 'check by hand: Block pod access to the metadata address'
    }

    It 'writes NUnit and JUnit XML that agree with the result, and the cheat sheet of the same run' {
        $nunit = [xml](Get-Content -Raw -LiteralPath (Join-Path $output 'test-results.xml'))
        [int]$nunit.'test-run'.failed | Should -Be @($tests | Where-Object Result -eq 'Failed').Count
        $junit = [xml](Get-Content -Raw -LiteralPath (Join-Path $output 'test-results.junit.xml'))
        [int]$junit.testsuites.failures | Should -Be @($tests | Where-Object Result -eq 'Failed').Count
        $html = Get-Content -Raw -LiteralPath (Join-Path $output 'cheat-sheet.html')
        $html | Should -Match 'redis:latest' -Because 'KP031 ran and failed for the cache'
    }

    It 'sets the exit code to the number of failed tests, as Pester does' {
        $run.ExitCode | Should -Be 0 -Because 'without -CI the process is not ended'
    }
}

Describe 'Invoke-ContainerSecurityTest selection and CI mode' {
    BeforeAll {
        $output = New-TestFolder
        $examples = Get-RepositoryPath examples
    }
    AfterAll { Remove-Item -LiteralPath $output -Recurse -Force }

    # One run for -Tag, -MinimumSeverity, an unreadable target and -CI: each child run costs a new pwsh and an audit.
    Context 'a tagged run in CI mode with a target that cannot be read' {
        BeforeAll {
            $folder = Join-Path $output 'ci'
            $run = Invoke-ChildScript -Script @"
Import-Module '$(Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1)'
Invoke-ContainerSecurityTest -ManifestPath '$examples/kubernetes', '$examples/kubernetes/does-not-exist.yaml' -Tag KP002, KP031 -MinimumSeverity High -OutputDirectory '$folder' -Output None -CI | Out-Null
'not reached'
"@
            $cases = @(Get-NUnitTestCase -Path (Join-Path $folder 'test-results.xml'))
            $ran = @($cases | Where-Object Result -ne 'NotRun')
        }

        It 'ends the process with the number of failed tests, after writing the results' {
            $run.ExitCode | Should -Be 2 -Because "node-agent runs privileged and one manifest is missing: $($run.Output)"
            $run.Output | Should -Not -Match 'not reached'
            Join-Path $folder 'test-results.junit.xml' | Should -Exist
        }

        It 'runs only the tagged rules at or above the minimum severity' {
            @($ran | Where-Object Name -like 'KP002 *').Count | Should -Be 4 -Because 'four workloads, one container each'
            $ran | Where-Object Name -like 'KP031 *' | Should -BeNullOrEmpty -Because 'KP031 is Medium'
            $ran | Where-Object Name -notlike 'KP002 *' | ForEach-Object { $_.Name | Should -BeLike '*could not audit*' }
        }

        It 'fails a test that names the target it could not read, whatever the tags selected' {
            $missing = @($ran | Where-Object Name -like 'Get-PodThreat could not audit *does-not-exist.yaml')
            $missing.Count | Should -Be 1
            $missing[0].Result | Should -Be 'Failed'
        }

        It 'fills the cheat sheet with the findings of the tests that ran' {
            $html = Get-Content -Raw -LiteralPath (Join-Path $folder 'cheat-sheet.html')
            $html | Should -Match 'node-agent'
            $html | Should -Not -Match 'redis:latest' -Because 'KP031 did not run'
        }
    }

    It 'says how to install Pester when Pester 5 is not available' {
        $script = @"
Import-Module '$(Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1)'
try { Invoke-ContainerSecurityTest -ManifestPath '$examples/kubernetes' -OutputDirectory '$output/none' }
catch { "`$(`$_.FullyQualifiedErrorId)|`$(`$_.Exception.Message)"; exit 3 }
"@
        $run = Invoke-ChildScript -Script $script -WithoutPester
        $run.ExitCode | Should -Be 3 -Because $run.Output
        $run.Output | Should -Match 'PesterNotFound,Invoke-ContainerSecurityTest\|'
        $run.Output | Should -Match 'Install-PSResource -Name Pester'
    }

    It 'refuses to run without a target' {
        { Invoke-ContainerSecurityTest -OutputDirectory (Join-Path $output 'empty') } | Should -Throw -ErrorId 'NoTarget,Invoke-ContainerSecurityTest'
    }
}

Describe 'Invoke-ContainerSecurityTest against live targets' {
    BeforeAll {
        $output = New-TestFolder
        $daemon = Start-TestDockerDaemon
        if ($daemon) {
            $image = $daemon.ImportBusyboxImage()
            $null = $daemon.Docker('run', '-d', '--name', 'shares-host-pid', '--pid', 'host', $image, 'sleep', '600')
        }
        $api = Start-TestApiServer
        $api.Add('v1', 'Pod', 'pods', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"debug","namespace":"prod"},"spec":{"containers":[{"name":"shell","image":"busybox:1.36","securityContext":{"privileged":true}}]}}')
        $kubeconfig = $api.WriteKubeConfig($output)
    }
    AfterAll {
        if ($daemon) { $daemon.Dispose() }
        $api.Dispose()
        Remove-Item -LiteralPath $output -Recurse -Force
    }

    # One run with both live targets: a private dockerd (CIS 2 and 5 on the live daemon and its running containers)
    # and the Kubernetes test API server (-Context).
    It 'tests a private dockerd, its running containers and the workloads of a cluster' {
        if (Skip-WithoutComponent dockerd $daemon) { return }
        $run = Invoke-ContainerSecurityTestInChild -OutputDirectory (Join-Path $output 'live') -Parameters @{
            DockerHost = $daemon.Endpoint; Context = 'test-api-server'; KubeConfig = $kubeconfig; ExcludeTag = @('Manual')
        }
        $hostPid = @($run.Tests | Where-Object Name -like 'DC016 *shares-host-pid*')
        $hostPid.Count | Should -Be 1 -Because "$($run.Output) $($run.Tests.Name -join [Environment]::NewLine)"
        $hostPid[0].Result | Should -Be 'Failed'
        @($run.Tests | Where-Object Name -like 'DD0*').Count | Should -BeGreaterThan 10 -Because 'the live daemon is audited too'
        $privileged = @($run.Tests | Where-Object Name -like 'KP002 prod/Pod/debug`[shell`]: *')
        $privileged.Count | Should -Be 1
        $privileged[0].Result | Should -Be 'Failed'
        @($run.Tests | Where-Object { $_.Name -like 'KC003 *' -and $_.Result -eq 'Failed' }).Count | Should -Be 1 -Because 'the kubeconfig keeps a static token'
    }
}
