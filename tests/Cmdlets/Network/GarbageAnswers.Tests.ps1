# A Docker endpoint that answers, but not with Docker Engine API JSON (a web server or proxy on the wrong port, or JSON
# of the wrong shape): one error that names the endpoint and the request, never a raw System.Text.Json exception.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    Import-Module (Join-Path $PSScriptRoot 'NetworkFaults.psm1') -Force
    $script:Folder = New-TestFolder
}

AfterAll {
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'A Docker endpoint that answers something other than Engine API JSON' {
    It 'ends Get-ContainerThreat with an error naming the endpoint when it answers <_>' -ForEach 'NotJson', 'WrongJsonTypes' {
        $server = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix($_, (Join-Path $script:Folder "$_-c.sock"))
        try {
            $run = Invoke-Captured { Get-ContainerThreat -DockerHost $server.Endpoint -TimeoutSec 5 }
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].Exception | Should -Not -BeOfType [System.Text.Json.JsonException]
            $run.Errors[0].FullyQualifiedErrorId | Should -Not -BeLike 'System.*'
            $run.Errors[0].Exception.Message | Should -BeLike "*$($server.Endpoint)*not Docker Engine API JSON*"
        }
        finally { $server.Dispose() }
    }

    It 'ends Test-DockerDaemonConfig with an error naming the endpoint, and -Quiet is $false, when it answers <_>' -ForEach 'NotJson', 'WrongJsonTypes' {
        $server = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix($_, (Join-Path $script:Folder "$_-d.sock"))
        try {
            $run = Invoke-Captured { Test-DockerDaemonConfig -DockerHost $server.Endpoint -TimeoutSec 5 -Section 2 }
            $run.Errors | Should -Not -BeNullOrEmpty
            $run.Errors | ForEach-Object { $_.Exception | Should -Not -BeOfType [System.Text.Json.JsonException] }
            ($run.Errors | ForEach-Object { $_.Exception.Message }) -join "`n" | Should -BeLike "*$($server.Endpoint)*not Docker Engine API JSON*"
            $run.Output | Should -Not -BeNullOrEmpty
            Test-DockerDaemonConfig -DockerHost $server.Endpoint -TimeoutSec 5 -Section 2 -Quiet -ErrorAction SilentlyContinue |
                Assert-QuietAnswer $false
        }
        finally { $server.Dispose() }
    }
}

Describe 'A Kubernetes API server that answers something other than a Kubernetes list' {
    It '<Command> ends with one error naming the server and the lists not read when it answers <Behaviour>' -ForEach @(
        @{ Command = 'Get-PodThreat'; Behaviour = 'NotJson' }
        @{ Command = 'Get-PodThreat'; Behaviour = 'WrongJsonTypes' }
        @{ Command = 'Get-RbacPermission'; Behaviour = 'NotJson' }
        @{ Command = 'Get-ClusterThreat'; Behaviour = 'WrongJsonTypes' }
    ) {
        $server = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp($Behaviour)
        try {
            $config = New-KubeConfig $server.HttpAddress (Join-Path $script:Folder "$Command-$Behaviour.kubeconfig")
            $run = Invoke-Captured { & $Command -KubeConfig $config -Context hostile -TimeoutSec 5 }
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ClusterAnswerUnreadable,*'
            $run.Errors[0].Exception.Message | Should -BeLike "The API server at $($server.HttpAddress) answered the list of * with something that is not a Kubernetes list*; no further requests were sent. Not read: *"
            $server.Connections | Should -Be 1
        }
        finally { $server.Dispose() }
    }
}

Describe 'An endpoint that refuses with a huge message full of control characters' {
    # The refusal's own message is quoted (it says why), but cut short and without the ESC that would drive the terminal.
    It '<Command> quotes at most 500 characters of it, without control characters' -ForEach @(
        @{ Command = 'Get-PodThreat'; Kind = 'Kubernetes' }
        @{ Command = 'Get-ContainerThreat'; Kind = 'Docker' }
    ) {
        $server = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('LoudError')
        try {
            $run = if ($Kind -eq 'Kubernetes') {
                $config = New-KubeConfig $server.HttpAddress (Join-Path $script:Folder 'loud.kubeconfig')
                Invoke-Captured { Get-PodThreat -KubeConfig $config -Context hostile -TimeoutSec 10 }
            }
            else {
                Invoke-Captured { Get-ContainerThreat -DockerHost $server.Endpoint -TimeoutSec 10 }
            }
            $run.Errors | Should -Not -BeNullOrEmpty
            foreach ($failure in $run.Errors) {
                $message = $failure.Exception.Message
                $message | Should -BeLike '*broken AAAA*characters, cut)*'
                $message.Length | Should -BeLessThan 1000
                $message | Should -Not -Match '\p{Cc}'
            }
        }
        finally { $server.Dispose() }
    }
}

Describe 'A server that sends megabytes with an error answer' {
    It '<Command> ends with one error naming the error-body bound, after one request' -ForEach @(
        @{ Command = 'Get-PodThreat'; Kind = 'Kubernetes'; ErrorId = 'ClusterResponseTooLarge' }
        @{ Command = 'Get-ContainerThreat'; Kind = 'Docker'; ErrorId = 'DockerResponseTooLarge' }
    ) {
        $server = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('HugeError')
        try {
            $run = if ($Kind -eq 'Kubernetes') {
                $config = New-KubeConfig $server.HttpAddress (Join-Path $script:Folder 'huge-error.kubeconfig')
                Invoke-Captured { Get-PodThreat -KubeConfig $config -Context hostile -TimeoutSec 10 }
            }
            else {
                Invoke-Captured { Get-ContainerThreat -DockerHost $server.Endpoint -TimeoutSec 10 }
            }
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $run.Errors[0].Exception.Message | Should -BeLike '*larger than 4 MB*'
            $server.Connections | Should -Be 1
        }
        finally { $server.Dispose() }
    }
}
