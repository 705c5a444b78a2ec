# Ctrl+C (SIGINT to the process group of a child pwsh) stops every Docker daemon and Kubernetes cluster cmdlet within
# a second while the endpoint does not answer: a blackholed TCP port (the connect never completes), a server that
# accepts and stays silent, and one that trickles its body. pwsh's own Start-Sleep is the control.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    Import-Module (Join-Path $PSScriptRoot 'NetworkFaults.psm1') -Force
    $manifest = Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1
    $script:Folder = New-TestFolder

    $script:Servers = @{
        Blackhole   = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('Blackhole')
        SilentTcp   = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('Silent')
        SilentUnix  = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix('Silent', (Join-Path $script:Folder 'silent.sock'))
        TrickleTcp  = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('TrickleBody')
        TrickleUnix = [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix('TrickleBody', (Join-Path $script:Folder 'trickle.sock'))
    }
    $blackhole = $Servers.Blackhole.Endpoint
    $kubeBlackhole = New-KubeConfig $Servers.Blackhole.HttpAddress (Join-Path $script:Folder 'blackhole.kubeconfig')
    $kubeSilent = New-KubeConfig $Servers.SilentTcp.HttpAddress (Join-Path $script:Folder 'silent.kubeconfig')
    $kubeTrickle = New-KubeConfig $Servers.TrickleTcp.HttpAddress (Join-Path $script:Folder 'trickle.kubeconfig')
    $commands = [ordered]@{
        'Start-Sleep (the control)'                                = 'Start-Sleep -Seconds 600'
        'Get-ContainerThreat, blackholed tcp'                      = "Get-ContainerThreat -DockerHost $blackhole -TimeoutSec 600"
        'Test-DockerDaemonConfig, blackholed tcp'                  = "Test-DockerDaemonConfig -DockerHost $blackhole -TimeoutSec 600"
        'Get-DockerDaemonConfig, blackholed tcp'                   = "Get-DockerDaemonConfig -DockerHost $blackhole -TimeoutSec 600"
        'Get-DockerfileThreat -Image, blackholed tcp'              = "Get-DockerfileThreat -Image * -DockerHost $blackhole -TimeoutSec 600"
        'Get-ContainerThreat, silent unix socket'                  = "Get-ContainerThreat -DockerHost $($Servers.SilentUnix.Endpoint) -TimeoutSec 600"
        'Test-DockerDaemonConfig, body trickling on a unix socket' = "Test-DockerDaemonConfig -DockerHost $($Servers.TrickleUnix.Endpoint) -TimeoutSec 600"
        'Get-PodThreat, blackholed server'                         = "Get-PodThreat -KubeConfig $kubeBlackhole -Context hostile -TimeoutSec 600"
        'Get-PodThreat, silent server'                             = "Get-PodThreat -KubeConfig $kubeSilent -Context hostile -TimeoutSec 600"
        'Get-RbacPermission, silent server'                        = "Get-RbacPermission -KubeConfig $kubeSilent -Context hostile -TimeoutSec 600"
        'Get-RbacThreat, body trickling'                           = "Get-RbacThreat -KubeConfig $kubeTrickle -Context hostile -TimeoutSec 600"
        'Get-ClusterThreat, body trickling'                        = "Get-ClusterThreat -KubeConfig $kubeTrickle -Context hostile -TimeoutSec 600"
    }

    # Every child starts at once (module import is the slow part); once each is inside its connect, request or read,
    # each gets Ctrl+C in turn.
    $children = [ordered]@{}
    foreach ($name in $commands.Keys) {
        $children[$name] = Start-ChildPwsh -Command $commands[$name] -ModuleManifest $manifest
    }
    foreach ($child in $children.Values) {
        Wait-ChildReady $child
    }
    Start-Sleep -Seconds 2
    $script:Seconds = @{}
    foreach ($name in $children.Keys) {
        $script:Seconds[$name] = Send-CtrlC $children[$name]
    }
}

AfterAll {
    foreach ($server in $script:Servers.Values) { $server.Dispose() }
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Ctrl+C while the endpoint does not answer' {
    It '<_> stops within a second' -ForEach @(
        'Start-Sleep (the control)'
        'Get-ContainerThreat, blackholed tcp'
        'Test-DockerDaemonConfig, blackholed tcp'
        'Get-DockerDaemonConfig, blackholed tcp'
        'Get-DockerfileThreat -Image, blackholed tcp'
        'Get-ContainerThreat, silent unix socket'
        'Test-DockerDaemonConfig, body trickling on a unix socket'
        'Get-PodThreat, blackholed server'
        'Get-PodThreat, silent server'
        'Get-RbacPermission, silent server'
        'Get-RbacThreat, body trickling'
        'Get-ClusterThreat, body trickling'
    ) {
        $seconds = $script:Seconds[$_]
        $seconds | Should -Not -BeNullOrEmpty -Because "$_ ignored Ctrl+C for 10 s"
        Write-Host "    $_ stopped $([math]::Round($seconds, 2)) s after Ctrl+C"
        $seconds | Should -BeLessThan 1.0
    }
}
