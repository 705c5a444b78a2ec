# Endpoints that stream endless bodies or headers: each command ends with an error that names the endpoint and the
# bound, and the process's peak memory stays far below what buffering without a bound reached (1-2 GB and a
# terminating OutOfMemoryException). The commands run in one child pwsh, so that its peak memory is theirs.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    Import-Module (Join-Path $PSScriptRoot 'NetworkFaults.psm1') -Force
    $script:Folder = New-TestFolder
    $script:Servers = @{
        BodyUnix    = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix('EndlessBody', (Join-Path $script:Folder 'endless.sock'))
        BodyTcp     = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('EndlessBody')
        HeadersTcp  = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('EndlessHeaders')
    }
    $kubeBody = New-KubeConfig $Servers.BodyTcp.HttpAddress (Join-Path $script:Folder 'body.kubeconfig')
    $kubeHeaders = New-KubeConfig $Servers.HeadersTcp.HttpAddress (Join-Path $script:Folder 'headers.kubeconfig')
    $script:Commands = [ordered]@{
        'Get-ContainerThreat, endless body on a unix socket' = "Get-ContainerThreat -DockerHost $($Servers.BodyUnix.Endpoint)"
        'Get-ContainerThreat, endless headers on tcp'        = "Get-ContainerThreat -DockerHost $($Servers.HeadersTcp.Endpoint)"
        'Test-DockerDaemonConfig, endless body on tcp'       = "Test-DockerDaemonConfig -Section 2 -DockerHost $($Servers.BodyTcp.Endpoint)"
        'Get-PodThreat -Context, endless body'               = "Get-PodThreat -KubeConfig $kubeBody -Context hostile"
        'Get-RbacPermission -Context, endless body'          = "Get-RbacPermission -KubeConfig $kubeBody -Context hostile"
        'Get-PodThreat -Context, endless headers'            = "Get-PodThreat -KubeConfig $kubeHeaders -Context hostile"
    }

    # Each command prints its error count and its first error (id and message); then the peak resident memory.
    $script:Child = Start-ChildPwsh -ModuleManifest (Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1) -Command ((@(
        foreach ($command in $Commands.Values) {
            "`$e = @(); try { $command -TimeoutSec 60 -ErrorAction SilentlyContinue -ErrorVariable +e | Out-Null } catch { `$e = @(`$_) }; " +
            "'ERRORS ' + `$e.Count + ' ' + `$e[0].FullyQualifiedErrorId + ' ' + `$e[0].Exception.Message"
        }
        "'PEAK ' + ((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM*' }) -replace '\D', '')"
    )) -join '; ')
    Wait-ChildReady $script:Child
    $script:Exited = $script:Child.WaitForExit(90000)
    $script:Output = @($script:Child.StandardOutputText.Result -split "`n" | Where-Object { $_ })
    $script:Errors = @($script:Output | Where-Object { $_ -like 'ERRORS *' })
}

AfterAll {
    foreach ($server in $script:Servers.Values) { $server.Dispose() }
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'An endpoint that answers without end' {
    It 'runs every command to its end, without running out of memory' {
        $script:Exited | Should -BeTrue
        $script:Child.StandardErrorText.Result | Should -Not -Match 'OutOfMemory'
        $script:Errors.Count | Should -Be $script:Commands.Count
    }

    It 'ends <Name> with one error naming the endpoint and the bound' -ForEach @(
        @{ Index = 0; Name = 'Get-ContainerThreat, endless body on a unix socket'; Server = 'BodyUnix'; Expected = 'DockerResponseTooLarge,* answered the ping request * with a body larger than 128 MB*' }
        @{ Index = 1; Name = 'Get-ContainerThreat, endless headers on tcp'; Server = 'HeadersTcp'; Expected = 'DockerResponseTooLarge,* answered the ping request * with headers longer than 64 KB*' }
        @{ Index = 2; Name = 'Test-DockerDaemonConfig, endless body on tcp'; Server = 'BodyTcp'; Expected = '* with a body larger than 128 MB*' }
        @{ Index = 3; Name = 'Get-PodThreat -Context, endless body'; Server = 'BodyTcp'; Expected = 'ClusterResponseTooLarge,* answered the list of * with a body larger than 128 MB; the answer was not read * Not read: *' }
        @{ Index = 4; Name = 'Get-RbacPermission -Context, endless body'; Server = 'BodyTcp'; Expected = 'ClusterResponseTooLarge,* answered the list of * with a body larger than 128 MB; the answer was not read * Not read: *' }
        @{ Index = 5; Name = 'Get-PodThreat -Context, endless headers'; Server = 'HeadersTcp'; Expected = 'ClusterResponseTooLarge,* with headers longer than 64 KB*' }
    ) {
        $line = $script:Errors[$Index]
        $server = $script:Servers[$Server]
        $address = $Index -ge 3 ? $server.HttpAddress : $server.Endpoint
        $line | Should -BeLike "ERRORS 1 *"
        $line | Should -BeLike "*$address*"
        $line | Should -BeLike "ERRORS 1 $Expected"
    }

    It 'keeps the peak memory of the process bounded' {
        $peak = $script:Output | Where-Object { $_ -like 'PEAK *' }
        $peakMegabytes = [long]($peak -replace '\D', '') / 1024
        Write-Host "    peak memory of the child: $([math]::Round($peakMegabytes)) MB"
        $peakMegabytes | Should -BeLessThan 700
    }
}
