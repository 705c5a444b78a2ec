BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

# Help example 1 of Test-ManagementEndpoint promises an answer for each endpoint that may be open; an answer that is
# neither data nor a refusal (a Warn) used to be hidden, so the example printed nothing.
Describe 'Test-ManagementEndpoint shows warnings by default' {
    BeforeAll {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        # Answers every request with 404, as a kubelet does on a path it does not serve.
        $server = Start-ThreadJob -ArgumentList $listener {
            param($listener)
            while ($true) {
                $client = $listener.AcceptTcpClient()
                $stream = $client.GetStream()
                $buffer = [byte[]]::new(4096)
                $null = $stream.Read($buffer, 0, $buffer.Length)
                $answer = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 404 Not Found`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
                $stream.Write($answer, 0, $answer.Length)
                $client.Close()
            }
        }
    }
    AfterAll {
        $listener.Stop()
        $server | Remove-Job -Force
    }

    It 'writes the Warn finding of an endpoint that answered 404 without -IncludePassed' {
        $findings = @(Test-ManagementEndpoint -Uri "http://127.0.0.1:$port/pods" -TimeoutSec 10)
        $findings.Count | Should -Be 1
        $findings[0].Status | Should -Be 'Warn'
        $findings[0].Message | Should -Match '404'
    }

    It '-Quiet still counts only failures' {
        Test-ManagementEndpoint -Uri "http://127.0.0.1:$port/pods" -TimeoutSec 10 -Quiet | Should -BeTrue
    }
}
