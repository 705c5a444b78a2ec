# Kubernetes API servers that misbehave at the socket level: Ctrl+C ends every cluster cmdlet within a second, a
# server that does not answer costs one timeout (and the error names the lists not read), and endless answers end
# in one clean error with bounded memory.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    $script:Manifest = Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1
    $script:Folder = New-TestFolder

    function script:New-KubeConfig([string] $Server, [string] $Name) {
        $path = Join-Path $script:Folder "$Name.kubeconfig"
        @"
apiVersion: v1
kind: Config
clusters:
- name: hostile
  cluster:
    server: $Server
users:
- name: tester
  user:
    token: hostile-token
contexts:
- name: hostile
  context:
    cluster: hostile
    user: tester
    namespace: shop
current-context: hostile
"@ | Set-Content -LiteralPath $path
        $path
    }
}

AfterAll {
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Ctrl+C while an API server does not answer' {
    BeforeAll {
        $script:Silent = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('Silent')
        $script:Blackhole = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('Blackhole')
        $script:Trickle = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('TrickleBody')
        $silent = New-KubeConfig $Silent.HttpAddress silent
        $blackhole = New-KubeConfig $Blackhole.HttpAddress blackhole
        $trickle = New-KubeConfig $Trickle.HttpAddress trickle

        $script:Cases = @(
            @{ Name = 'Get-PodThreat, silent server'; Command = "Get-PodThreat -KubeConfig $silent -Context hostile -TimeoutSec 600" }
            @{ Name = 'Get-PodThreat, blackholed server'; Command = "Get-PodThreat -KubeConfig $blackhole -Context hostile -TimeoutSec 600" }
            @{ Name = 'Get-RbacPermission, silent server'; Command = "Get-RbacPermission -KubeConfig $silent -Context hostile -TimeoutSec 600" }
            @{ Name = 'Get-RbacThreat, body trickling'; Command = "Get-RbacThreat -KubeConfig $trickle -Context hostile -TimeoutSec 600" }
            @{ Name = 'Get-ClusterThreat, body trickling'; Command = "Get-ClusterThreat -KubeConfig $trickle -Context hostile -TimeoutSec 600" }
        )
        foreach ($case in $script:Cases) {
            $case.Process = Start-ChildPwsh -Command $case.Command -ModuleManifest $script:Manifest
        }
        foreach ($case in $script:Cases) {
            Wait-ChildReady $case.Process
        }

        Start-Sleep -Seconds 2
        foreach ($case in $script:Cases) {
            $case.Seconds = Send-CtrlC $case.Process
        }
    }

    AfterAll {
        foreach ($server in $script:Silent, $script:Blackhole, $script:Trickle) { $server.Dispose() }
    }

    It '<Name> stops within a second' -ForEach @(
        @{ Index = 0; Name = 'Get-PodThreat, silent server' }
        @{ Index = 1; Name = 'Get-PodThreat, blackholed server' }
        @{ Index = 2; Name = 'Get-RbacPermission, silent server' }
        @{ Index = 3; Name = 'Get-RbacThreat, body trickling' }
        @{ Index = 4; Name = 'Get-ClusterThreat, body trickling' }
    ) {
        $case = $script:Cases[$Index]
        $case.Name | Should -Be $Name
        $case.Seconds | Should -Not -BeNullOrEmpty -Because "$Name ignored Ctrl+C for 10 s"
        Write-Host "    $Name stopped $([math]::Round($case.Seconds, 2)) s after Ctrl+C"
        $case.Seconds | Should -BeLessThan 1.0
    }
}

Describe 'An API server that accepts and never answers' {
    BeforeAll {
        $script:Quiet = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('Silent')
        $script:QuietConfig = New-KubeConfig $Quiet.HttpAddress quiet
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
        # One timeout (1 s), where one per list would be 4 to 11 s; the first use loads KubernetesClient too.
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

Describe 'An API server that answers without end' {
    BeforeAll {
        $script:EndlessBody = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('EndlessBody')
        $script:EndlessHeaders = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('EndlessHeaders')
        $body = New-KubeConfig $EndlessBody.HttpAddress endless-body
        $headers = New-KubeConfig $EndlessHeaders.HttpAddress endless-headers
        $commands = @(
            "Get-PodThreat -KubeConfig $body -Context hostile"
            "Get-RbacPermission -KubeConfig $body -Context hostile"
            "Get-PodThreat -KubeConfig $headers -Context hostile"
        )

        # One child process, so that its peak memory (VmHWM) is the commands' own; each prints its errors.
        $script:Child = Start-ChildPwsh -ModuleManifest $script:Manifest -Command ((@(
            foreach ($command in $commands) {
                "`$e = @(); $command -TimeoutSec 60 -ErrorAction SilentlyContinue -ErrorVariable +e | Out-Null; 'ERRORS ' + `$e.Count + ' ' + (`$e | ForEach-Object { `$_.FullyQualifiedErrorId + ' ' + `$_.Exception.Message })"
            }
            "'PEAK ' + ((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM*' }) -replace '\D', '')"
        )) -join '; ')
        Wait-ChildReady $script:Child
        $script:Exited = $script:Child.WaitForExit(90000)
        $script:Output = @($script:Child.StandardOutputText.Result -split "`n" | Where-Object { $_ })
    }

    AfterAll {
        foreach ($server in $script:EndlessBody, $script:EndlessHeaders) { $server.Dispose() }
    }

    It 'ends <Name> with one error naming the server and the bound' -ForEach @(
        @{ Index = 0; Name = 'Get-PodThreat, endless body'; Server = 'EndlessBody'; Bound = 'a body larger than 128 MB' }
        @{ Index = 1; Name = 'Get-RbacPermission, endless body'; Server = 'EndlessBody'; Bound = 'a body larger than 128 MB' }
        @{ Index = 2; Name = 'Get-PodThreat, endless headers'; Server = 'EndlessHeaders'; Bound = 'headers longer than 64 KB' }
    ) {
        $script:Exited | Should -BeTrue
        $script:Child.StandardErrorText.Result | Should -Not -Match 'OutOfMemory'
        $lines = @($script:Output | Where-Object { $_ -like 'ERRORS *' })
        $lines.Count | Should -Be 3
        $address = (Get-Variable -Scope Script -Name $Server -ValueOnly).HttpAddress
        $lines[$Index] | Should -BeLike "ERRORS 1 ClusterResponseTooLarge,*The API server at $address answered the list of * with $Bound; the answer was not read*Not read: *"
    }

    It 'keeps the peak memory of the process bounded' {
        $peak = $script:Output | Where-Object { $_ -like 'PEAK *' }
        $peakMegabytes = [long]($peak -replace '\D', '') / 1024
        Write-Host "    peak memory of the child: $([math]::Round($peakMegabytes)) MB"
        $peakMegabytes | Should -BeLessThan 700 -Because "peak memory was $peakMegabytes MB"
    }
}
