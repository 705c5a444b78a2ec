# A Docker endpoint that cannot be connected to is named for what it is, not by the socket error's text ("Cannot
# assign requested address" for a Unix socket path that does not exist).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $script:Folder = New-TestFolder
}

AfterAll {
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
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

    It 'says that nothing listens on a tcp port' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        { Get-DockerfileThreat -Image * -DockerHost "tcp://127.0.0.1:$port" -ErrorAction Stop } |
            Should -Throw -ErrorId 'DockerUnreachable,*' -ExpectedMessage "*nothing is listening on 127.0.0.1:$port (connection refused)*"
    }
}
