# Docker endpoints that misbehave at the socket level: Ctrl+C ends every daemon cmdlet within a second in every
# network state, endless answers end in one clean error with bounded memory, and a missing socket is named as such.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    $script:Manifest = Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1
    $script:Folder = New-TestFolder
}

AfterAll {
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Ctrl+C while a Docker daemon does not answer' {
    BeforeAll {
        $script:Blackhole = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('Blackhole')
        $script:SilentUnix = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix('Silent', (Join-Path $script:Folder 'silent.sock'))
        $script:Trickle = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix('TrickleBody', (Join-Path $script:Folder 'trickle.sock'))

        # Every child starts at once (module import is the slow part), then each gets Ctrl+C in turn.
        $script:Cases = @(
            @{ Name = 'Start-Sleep (the control)'; Command = 'Start-Sleep -Seconds 600' }
            @{ Name = 'Get-ContainerThreat, blackholed tcp'; Command = "Get-ContainerThreat -DockerHost $($Blackhole.Endpoint) -TimeoutSec 600" }
            @{ Name = 'Test-DockerDaemonConfig, blackholed tcp'; Command = "Test-DockerDaemonConfig -DockerHost $($Blackhole.Endpoint) -TimeoutSec 600" }
            @{ Name = 'Get-DockerDaemonConfig, blackholed tcp'; Command = "Get-DockerDaemonConfig -DockerHost $($Blackhole.Endpoint) -TimeoutSec 600" }
            @{ Name = 'Get-DockerfileThreat -Image, blackholed tcp'; Command = "Get-DockerfileThreat -Image * -DockerHost $($Blackhole.Endpoint) -TimeoutSec 600" }
            @{ Name = 'Get-ContainerThreat, silent unix socket'; Command = "Get-ContainerThreat -DockerHost $($SilentUnix.Endpoint) -TimeoutSec 600" }
            @{ Name = 'Test-DockerDaemonConfig, body trickling on a unix socket'; Command = "Test-DockerDaemonConfig -DockerHost $($Trickle.Endpoint) -TimeoutSec 600" }
        )
        foreach ($case in $script:Cases) {
            $case.Process = Start-ChildPwsh -Command $case.Command -ModuleManifest $script:Manifest
        }
        foreach ($case in $script:Cases) {
            Wait-ChildReady $case.Process
        }

        # Long enough for each command to be inside its connect, request or read.
        Start-Sleep -Seconds 2
        foreach ($case in $script:Cases) {
            $case.Seconds = Send-CtrlC $case.Process
        }
    }

    AfterAll {
        foreach ($server in $script:Blackhole, $script:SilentUnix, $script:Trickle) { $server.Dispose() }
    }

    It '<Name> stops within a second' -ForEach @(
        @{ Index = 0; Name = 'Start-Sleep (the control)' }
        @{ Index = 1; Name = 'Get-ContainerThreat, blackholed tcp' }
        @{ Index = 2; Name = 'Test-DockerDaemonConfig, blackholed tcp' }
        @{ Index = 3; Name = 'Get-DockerDaemonConfig, blackholed tcp' }
        @{ Index = 4; Name = 'Get-DockerfileThreat -Image, blackholed tcp' }
        @{ Index = 5; Name = 'Get-ContainerThreat, silent unix socket' }
        @{ Index = 6; Name = 'Test-DockerDaemonConfig, body trickling on a unix socket' }
    ) {
        $case = $script:Cases[$Index]
        $case.Name | Should -Be $Name
        $case.Seconds | Should -Not -BeNullOrEmpty -Because "$Name ignored Ctrl+C for 10 s"
        Write-Host "    $Name stopped $([math]::Round($case.Seconds, 2)) s after Ctrl+C"
        $case.Seconds | Should -BeLessThan 1.0 -Because "$Name took $($case.Seconds) s after Ctrl+C (control: $($script:Cases[0].Seconds) s)"
    }
}

Describe 'A Docker daemon that does not answer within -TimeoutSec' {
    It 'ends Get-ContainerThreat at the timeout when the tcp connect never completes' {
        $server = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('Blackhole')
        try {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            { Get-ContainerThreat -DockerHost $server.Endpoint -TimeoutSec 1 -ErrorAction Stop } |
                Should -Throw -ErrorId 'DockerUnreachable,*' -ExpectedMessage "*$($server.Endpoint)*within 1 s*"
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        }
        finally { $server.Dispose() }
    }

    It 'ends Test-DockerDaemonConfig at the timeout when the daemon accepts and never answers' {
        $server = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix('Silent', (Join-Path $script:Folder 'quiet.sock'))
        try {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $results = Test-DockerDaemonConfig -DockerHost $server.Endpoint -TimeoutSec 1 -Section 2 -ErrorAction SilentlyContinue -ErrorVariable failures
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            ($failures | Out-String) + ($results | Out-String) | Should -BeLike "*within 1 s*"
        }
        finally { $server.Dispose() }
    }
}

Describe 'A Docker endpoint that answers without end' {
    BeforeAll {
        $script:EndlessBody = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix('EndlessBody', (Join-Path $script:Folder 'endless.sock'))
        $script:EndlessHeaders = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('EndlessHeaders')
        $script:EndlessBodyTcp = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('EndlessBody')
        $commands = @(
            "Get-ContainerThreat -DockerHost $($EndlessBody.Endpoint)"
            "Get-ContainerThreat -DockerHost $($EndlessHeaders.Endpoint)"
            "Test-DockerDaemonConfig -Section 2 -DockerHost $($EndlessBodyTcp.Endpoint)"
        )

        # In one child process, so that its peak memory (VmHWM) is the commands' own; each prints its first error.
        $script:Child = Start-ChildPwsh -ModuleManifest $script:Manifest -Command ((@(
            foreach ($command in $commands) {
                "try { $command -TimeoutSec 60 -ErrorAction Stop | Out-Null; 'ERROR none' } catch { 'ERROR ' + `$_.FullyQualifiedErrorId + ' ' + `$_.Exception.Message }"
            }
            "'PEAK ' + ((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM*' }) -replace '\D', '')"
        )) -join '; ')
        Wait-ChildReady $script:Child
        $script:Exited = $script:Child.WaitForExit(60000)
        $script:Output = @($script:Child.StandardOutputText.Result -split "`n" | Where-Object { $_ })
    }

    AfterAll {
        foreach ($server in $script:EndlessBody, $script:EndlessHeaders, $script:EndlessBodyTcp) { $server.Dispose() }
    }

    It 'ends <Name> with an error naming the endpoint and the bound' -ForEach @(
        @{ Index = 0; Name = 'Get-ContainerThreat, endless body on a unix socket'; ErrorId = 'DockerResponseTooLarge,*'; Bound = 'a body larger than 128 MB' }
        @{ Index = 1; Name = 'Get-ContainerThreat, endless headers on tcp'; ErrorId = 'DockerResponseTooLarge,*'; Bound = 'headers longer than 64 KB' }
        @{ Index = 2; Name = 'Test-DockerDaemonConfig, endless body on tcp'; ErrorId = '*'; Bound = 'a body larger than 128 MB' }
    ) {
        $script:Exited | Should -BeTrue
        $script:Child.StandardErrorText.Result | Should -Not -Match 'OutOfMemory'
        $errors = @($script:Output | Where-Object { $_ -like 'ERROR *' })
        $errors.Count | Should -Be 3
        $server = @($script:EndlessBody, $script:EndlessHeaders, $script:EndlessBodyTcp)[$Index]
        $errors[$Index] | Should -BeLike "ERROR $ErrorId*$($server.Endpoint)*$Bound*"
    }

    It 'keeps the peak memory of the process bounded' {
        $peak = $script:Output | Where-Object { $_ -like 'PEAK *' }
        $peakMegabytes = [long]($peak -replace '\D', '') / 1024
        Write-Host "    peak memory of the child: $([math]::Round($peakMegabytes)) MB"
        $peakMegabytes | Should -BeLessThan 700 -Because "peak memory was $peakMegabytes MB"
    }
}

Describe 'A Docker endpoint that cannot be connected to' {
    It 'says that no socket exists at a missing unix path' {
        $path = Join-Path $script:Folder 'missing.sock'
        { Get-ContainerThreat -DockerHost "unix://$path" -ErrorAction Stop } |
            Should -Throw -ErrorId 'DockerUnreachable,*' -ExpectedMessage "*no socket exists at $path*"
    }

    It 'says that a regular file is not a socket' {
        $path = Join-Path $script:Folder 'plain-file.sock'
        Set-Content -LiteralPath $path -Value 'not a socket'
        { Test-DockerDaemonConfig -DockerHost "unix://$path" -Section 2 -ErrorAction Stop } |
            Should -Throw -ExpectedMessage "*$path exists but is not a socket*"
    }
}
