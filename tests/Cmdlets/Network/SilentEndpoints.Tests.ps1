# Endpoints that do not answer within -TimeoutSec: a Docker call ends at the timeout also when the TCP connect never
# completes, and a Kubernetes API server that does not answer one list is not asked for the others: one error names
# the server and the lists not read.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    Import-Module (Join-Path $PSScriptRoot 'NetworkFaults.psm1') -Force
    $script:Folder = New-TestFolder
}

AfterAll {
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
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
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 4
            ($failures | Out-String) + ($results | Out-String) | Should -BeLike "*within 1 s*"
        }
        finally { $server.Dispose() }
    }
}

Describe 'A Kubernetes API server that accepts and never answers' {
    BeforeAll {
        $script:Quiet = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('Silent')
        $script:QuietConfig = New-KubeConfig $Quiet.HttpAddress (Join-Path $script:Folder 'quiet.kubeconfig')
    }

    AfterAll { $script:Quiet.Dispose() }

    It '<Command> waits out one timeout and names the lists it did not read' -ForEach @(
        @{ Command = 'Get-PodThreat'; FirstList = 'serviceaccounts in namespace shop'; LastList = 'cronjobs in namespace shop' }
        @{ Command = 'Get-RbacPermission'; FirstList = 'clusterroles (all namespaces)'; LastList = 'rolebindings (all namespaces)' }
        @{ Command = 'Get-ClusterThreat'; FirstList = ''; LastList = '' }
    ) {
        $before = $script:Quiet.Connections
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $null = & $Command -KubeConfig $script:QuietConfig -Context hostile -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable failures

        # One timeout (1 s), where one per list took 4 to 15 s; the first use also loads KubernetesClient.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 4
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ClusterRequestTimeout*'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $message = $failures[0].Exception.Message
        $message | Should -BeLike "The API server at $($script:Quiet.HttpAddress) did not answer the list of *within 1 s; no further requests were sent. Not read: *"
        if ($FirstList) { $message | Should -BeLike "*Not read: $FirstList*" }
        if ($LastList) { $message | Should -BeLike "*$LastList." }
        ($script:Quiet.Connections - $before) | Should -Be 1
    }
}
