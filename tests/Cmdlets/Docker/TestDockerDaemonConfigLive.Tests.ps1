BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    . (Join-Path $PSScriptRoot 'DaemonFindings.ps1')
}

# Test-DockerDaemonConfig and Get-DockerDaemonConfig against real dockerd processes started for each test, with
# different daemon.json files and flags. Each daemon is found among all dockerd processes on the machine by the
# socket it listens on, and its command line is read from /proc.
Describe 'Test-DockerDaemonConfig against a live daemon' {
    AfterEach { if ($daemon) { $daemon.Dispose() } }

    It 'fails the checks whose Docker default is insecure and says the default decided' {
        $daemon = Start-TestDockerDaemon -DaemonJson '{}'
        if (Skip-WithoutComponent dockerd $daemon) { return }

        $findings = @(Test-DockerDaemonConfig -DockerHost $daemon.Endpoint -Section 2)

        Assert-FindingStatus $findings ([ordered]@{
                DD002 = 'Fail'; DD003 = 'Pass'; DD004 = 'Pass'; DD005 = 'Pass'; DD006 = 'Pass'; DD007 = 'Pass'
                DD009 = 'Fail'; DD012 = 'Fail'; DD013 = 'Fail'; DD014 = 'Fail'; DD015 = 'Fail'; DD016 = 'Fail'
                DD017 = 'Pass'; DD018 = 'Pass'
            })
        (Get-SingleFinding $findings DD002).Message | Should -BeLikeExactly 'icc: not set → default true*'
        (Get-SingleFinding $findings DD002).Remediation | Should -BeLikeExactly '*"icc": false*'
        foreach ($finding in $findings) { $finding.Target.Host | Should -BeExactly $daemon.Endpoint }
    }

    It 'passes a hardened daemon.json and points each result at its line' {
        $daemon = Start-TestDockerDaemon -DaemonJson @'
{
  "icc": false,
  "log-level": "info",
  "no-new-privileges": true,
  "live-restore": true,
  "userland-proxy": false,
  "userns-remap": "default"
}
'@
        if (Skip-WithoutComponent dockerd $daemon) { return }

        $findings = @(Test-DockerDaemonConfig -DockerHost $daemon.Endpoint -Section 2)

        Assert-FindingStatus $findings ([ordered]@{ DD002 = 'Pass'; DD003 = 'Pass'; DD009 = 'Pass'; DD014 = 'Pass'; DD015 = 'Pass'; DD016 = 'Pass' })
        (Get-SingleFinding $findings DD002).Message |
            Should -BeExactly "icc: false (from $($daemon.ConfigFile):2:3): inter-container traffic on the default bridge is blocked."
        $target = (Get-SingleFinding $findings DD014).Target
        "$($target.File)|$($target.Line)|$($target.Column)" | Should -BeExactly "$($daemon.ConfigFile)|4|3"
    }

    It 'fails a deliberately weak daemon, with tcp without TLS as Critical' {
        $daemon = Start-TestDockerDaemon -Flag '-H', 'tcp://127.0.0.1:2375' -DaemonJson @'
{
  "log-level": "debug",
  "insecure-registries": ["registry.internal:5000"],
  "experimental": true,
  "icc": true
}
'@
        if (Skip-WithoutComponent dockerd $daemon) { return }

        $findings = @(Test-DockerDaemonConfig -DockerHost $daemon.Endpoint -Section 2)

        Assert-FindingStatus $findings ([ordered]@{ DD002 = 'Fail'; DD003 = 'Fail'; DD005 = 'Fail'; DD007 = 'Fail'; DD018 = 'Fail' })
        (Get-SingleFinding $findings DD007).Severity.ToString() | Should -BeExactly 'Critical'
        (Get-SingleFinding $findings DD007).Message | Should -BeLikeExactly '*tcp://127.0.0.1:2375*'
        (Get-SingleFinding $findings DD005).Message | Should -BeLikeExactly '*registry.internal:5000*'
    }

    It 'reads settings given as flags from /proc with their provenance' {
        $daemon = Start-TestDockerDaemon -DaemonJson '{}' -Flag '--log-level', 'debug', '--icc=false', '--no-new-privileges'
        if (Skip-WithoutComponent dockerd $daemon) { return }

        $findings = @(Test-DockerDaemonConfig -DockerHost $daemon.Endpoint -Id DD002, DD003, DD014)
        $settings = @(Get-DockerDaemonConfig -DockerHost $daemon.Endpoint -Name log-level, icc, config-file)

        Assert-FindingStatus $findings ([ordered]@{ DD002 = 'Pass'; DD003 = 'Fail'; DD014 = 'Pass' })
        (Get-SingleFinding $findings DD003).Message |
            Should -BeLikeExactly "log-level: debug (from /proc/$($daemon.DaemonProcessId)/cmdline: --log-level debug)*"
        $logLevel = @($settings | Where-Object Name -ceq 'log-level')
        $logLevel.Count | Should -Be 1
        "$($logLevel[0].Value)|$($logLevel[0].Source)|$($logLevel[0].Default)" | Should -BeExactly 'debug|CommandLine|info'
        $configFile = @($settings | Where-Object Name -ceq 'config-file')
        $configFile.Count | Should -Be 1
        $configFile[0].Value | Should -BeExactly $daemon.ConfigFile
    }

    It 'names the endpoint of a daemon that is down and still reports the offline checks' {
        $daemon = $null
        $endpoint = 'unix://' + (Join-Path ([System.IO.Path]::GetTempPath()) "cs-no-daemon-$([guid]::NewGuid().ToString('N')).sock")

        $run = Invoke-Captured { Test-DockerDaemonConfig -DockerHost $endpoint -TimeoutSec 5 }

        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLikeExactly 'DaemonUnreachable,*'
        $run.Errors[0].ToString() | Should -BeLikeExactly "*$endpoint*"
        (Get-SingleFinding $run.Output DD006).Status.ToString() | Should -BeExactly 'Error'
        (Get-SingleFinding $run.Output DD006).Message | Should -BeLikeExactly "*$endpoint*"
        # icc is set nowhere and the daemon's flags are unknown: dockerd's default alone cannot fail it.
        (Get-SingleFinding $run.Output DD002).Status.ToString() | Should -BeExactly 'Error'
        $quiet = Invoke-Captured { Test-DockerDaemonConfig -DockerHost $endpoint -TimeoutSec 5 -Quiet }
        $quiet.Output | Assert-QuietAnswer $false
        $quiet.Errors | Should -BeNullOrEmpty -Because '-Quiet answers $false instead of writing the error'
    }

    It 'times out on a daemon that never answers, naming the endpoint' {
        $daemon = $null
        $path = Join-Path ([System.IO.Path]::GetTempPath()) "cs-mute-$([guid]::NewGuid().ToString('N')).sock"
        $mute = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::Unix, [System.Net.Sockets.SocketType]::Stream, [System.Net.Sockets.ProtocolType]::Unspecified)
        try {
            $mute.Bind([System.Net.Sockets.UnixDomainSocketEndPoint]::new($path))
            $mute.Listen(4)

            $run = Invoke-Captured { Test-DockerDaemonConfig -DockerHost "unix://$path" -TimeoutSec 1 -Id DD002, DD013 }
        }
        finally {
            $mute.Dispose()
        }

        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLikeExactly 'DaemonTimeout,*'
        $run.Errors[0].ToString() | Should -BeLikeExactly "*$path*"
        (Get-SingleFinding $run.Output DD013).Status.ToString() | Should -BeExactly 'Error'
        (Get-SingleFinding $run.Output DD002).Status.ToString() | Should -BeExactly 'Error'
    }
}
