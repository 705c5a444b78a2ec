BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

Describe 'Get-ContainerThreat on a live daemon agrees with docker inspect and the kernel' {
    BeforeAll {
        $daemon = Start-TestDockerDaemon -Flag '--no-new-privileges'
        if ($daemon) {
            $image = $daemon.ImportBusyboxImage()
            $null = $daemon.Docker('run', '-d', '--name', 'always', '--restart', 'always', $image)
            $null = $daemon.Docker('run', '-d', '--name', 'optout', '--security-opt', 'no-new-privileges=false', $image)
        }
    }

    AfterAll { if ($daemon) { $daemon.Dispose() } }

    It 'reports the restart policy docker inspect shows (DC015)' {
        if (Skip-WithoutComponent dockerd $daemon) { return }
        $daemon.Docker('inspect', '--format', '{{.HostConfig.RestartPolicy.Name}}', 'always') | Should -BeExactly 'always'

        $finding = Get-ContainerThreat -DockerHost $daemon.Endpoint -Name always -RuleId DC015 -IncludePassed

        $finding.Status.ToString() | Should -BeExactly 'Fail'
        $finding.Evidence.Observed | Should -BeExactly 'always'
    }

    It "counts the daemon's --no-new-privileges for containers that do not set it (DC025)" {
        if (Skip-WithoutComponent dockerd $daemon) { return }
        $daemon.Docker('exec', 'always', 'cat', '/proc/1/status') | Should -Match 'NoNewPrivs:\s+1'
        $daemon.Docker('exec', 'optout', 'cat', '/proc/1/status') | Should -Match 'NoNewPrivs:\s+0'

        $findings = Get-ContainerThreat -DockerHost $daemon.Endpoint -RuleId DC025 -IncludePassed

        ($findings | Where-Object { $_.Target.Name -eq 'always' }).Status.ToString() | Should -BeExactly 'Pass'
        ($findings | Where-Object { $_.Target.Name -eq 'always' }).Message | Should -BeLike "*--no-new-privileges*"
        ($findings | Where-Object { $_.Target.Name -eq 'optout' }).Status.ToString() | Should -BeExactly 'Fail'
    }
}
