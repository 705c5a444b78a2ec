# Tab completion as a user meets it: TabExpansion2 in the real pwsh, at the end of the typed line.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }

    $script:Folder = New-TestFolder
    $script:KubeConfig = Join-Path $script:Folder 'kubeconfig.yaml'
    Set-Content -LiteralPath $script:KubeConfig -Value @'
apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster: {server: 'https://127.0.0.1:6443'}
users:
- name: alice
  user: {token: not-a-real-token}
contexts:
- name: dev
  context: {cluster: lab, user: alice}
- name: prod east
  context: {cluster: lab, user: alice}
current-context: dev
'@
    $script:SecondKubeConfig = Join-Path $script:Folder 'second.yaml'
    Set-Content -LiteralPath $script:SecondKubeConfig -Value @'
apiVersion: v1
kind: Config
contexts:
- name: staging
  context: {cluster: lab, user: alice}
'@
    $script:BrokenKubeConfig = Join-Path $script:Folder 'broken.yaml'
    Set-Content -LiteralPath $script:BrokenKubeConfig -Value "contexts: [`n- name: dev"
}

AfterAll {
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe '-RuleId completes the rules the cmdlet can evaluate' {
    It '<Line> completes only <Prefix> ids' -TestCases @(
        @{ Line = 'Get-PodThreat -RuleId '; Prefix = 'KP'; Expected = 'KP021', 'KP038', 'KP039' }
        @{ Line = 'Get-RbacThreat -RuleId '; Prefix = 'KR'; Expected = 'KR001', 'KR013' }
        @{ Line = 'Get-ClusterThreat -RuleId '; Prefix = 'K[CN]'; Expected = 'KC007', 'KN001' }
        @{ Line = 'Get-ContainerThreat -RuleId '; Prefix = 'DC'; Expected = 'DC001', 'DC015' }
        @{ Line = 'Get-DockerfileThreat -RuleId '; Prefix = 'DI'; Expected = 'DI001' }
        @{ Line = 'Test-DockerDaemonConfig -RuleId '; Prefix = 'D[DF]'; Expected = 'DD001', 'DF001' }
    ) {
        $ids = (Get-Completion $Line).CompletionText
        $ids | Should -Not -BeNullOrEmpty
        $ids | Where-Object { $_ -notmatch "^$Prefix\d{3}$" } | Should -BeNullOrEmpty
        foreach ($id in $Expected) { $ids | Should -Contain $id }
    }

    It 'shows "Id — Title" in the list and the title as tooltip' {
        $match = Get-Completion 'Get-PodThreat -RuleId KP002' | Select-Object -First 1
        $title = (Get-ContainerSecurityRule -Id KP002).Title
        $match.CompletionText | Should -BeExactly 'KP002'
        $match.ListItemText | Should -BeExactly "KP002 — $title"
        $match.ToolTip | Should -BeExactly $title
    }

    It 'matches a prefix without regard to case, and honours wildcards' {
        (Get-Completion 'Get-RbacThreat -RuleId kr01').CompletionText | Should -Be 'KR010', 'KR011', 'KR012', 'KR013'
        (Get-Completion 'Get-ContainerThreat -RuleId DC0*5').CompletionText | Should -Contain 'DC015'
        (Get-Completion 'Get-ContainerThreat -RuleId DC0*5').CompletionText | Should -Not -Contain 'DC011'
    }

    It "does not offer another cmdlet's rules" {
        Get-Completion 'Get-ContainerThreat -RuleId KP' | Should -BeNullOrEmpty
        Get-Completion 'Get-PodThreat -RuleId DC' | Should -BeNullOrEmpty
    }

    It 'completes every catalog id for Get-ContainerSecurityRule -Id' {
        $ids = (Get-Completion 'Get-ContainerSecurityRule -Id ').CompletionText
        $ids | Should -Be ((Get-ContainerSecurityRule).Id | Get-OrdinalSorted)
    }
}

Describe '-Context completes the contexts of the kubeconfig the command would use' {
    It '<Command> reads the -KubeConfig typed before it' -TestCases @(
        @{ Command = 'Get-PodThreat' }, @{ Command = 'Get-RbacThreat' }, @{ Command = 'Get-RbacPermission' }, @{ Command = 'Get-ClusterThreat' }, @{ Command = 'Invoke-ContainerSecurityTest' }
    ) {
        $found = Get-Completion "$Command -KubeConfig '$script:KubeConfig' -Context "
        $found.CompletionText | Should -Be 'dev', "'prod east'"
        $found[0].ToolTip | Should -BeExactly 'cluster lab, user alice'
    }

    It 'resolves a relative -KubeConfig against the current location' {
        Push-Location $script:Folder
        try { (Get-Completion 'Get-PodThreat -KubeConfig ./kubeconfig.yaml -Context p').CompletionText | Should -Be "'prod east'" }
        finally { Pop-Location }
    }

    It 'reads every file of $env:KUBECONFIG without -KubeConfig, skipping missing ones' {
        $saved = $env:KUBECONFIG
        try {
            $env:KUBECONFIG = (Join-Path $script:Folder 'missing.yaml'), $script:KubeConfig, $script:SecondKubeConfig -join [IO.Path]::PathSeparator
            (Get-Completion 'Get-RbacThreat -Context ').CompletionText | Should -Be 'dev', "'prod east'", 'staging'
        }
        finally { $env:KUBECONFIG = $saved }
    }

    It 'completes nothing, quickly and without an error, from a broken kubeconfig' {
        $Error.Clear()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Get-Completion "Get-PodThreat -KubeConfig '$script:BrokenKubeConfig' -Context " | Should -BeNullOrEmpty
        Get-Completion "Get-PodThreat -KubeConfig '$(Join-Path $script:Folder 'none.yaml')' -Context " | Should -BeNullOrEmpty
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
        $Error.Count | Should -Be 0
    }
}

Describe 'Test-DockerDaemonConfig -Section completes CIS sections' {
    It 'offers the sections with their benchmark titles and the check ids with their rule titles' {
        $found = Get-Completion 'Test-DockerDaemonConfig -Section '
        ($found | Where-Object CompletionText -EQ '2').ToolTip | Should -BeExactly 'Docker daemon configuration'
        ($found | Where-Object CompletionText -EQ '3').ToolTip | Should -BeExactly 'Docker daemon configuration files'
        ($found | Where-Object CompletionText -EQ '1.1').ToolTip | Should -BeExactly 'Linux Hosts Specific Configuration'
        $rule = Get-ContainerSecurityRule | Where-Object { $_.Id -like 'DD*' -and $_.Cis -contains '2.7' }
        ($found | Where-Object CompletionText -EQ '2.7').ToolTip | Should -BeExactly $rule.Title
    }

    It 'lists sections in benchmark order and matches the typed prefix' {
        (Get-Completion 'Test-DockerDaemonConfig -Section ').CompletionText | Select-Object -First 2 | Should -Be '1', '1.1'
        $section2 = (Get-Completion 'Test-DockerDaemonConfig -Section 2.1').CompletionText
        $section2 | Should -Contain '2.1'
        $section2 | Where-Object { $_ -notlike '2.1*' } | Should -BeNullOrEmpty
    }
}

Describe 'Get-ContainerThreat -Name completes the containers of the daemon' {
    BeforeAll {
        $daemon = Start-TestDockerDaemon
        if ($daemon) {
            $image = $daemon.ImportBusyboxImage()
            foreach ($name in 'web-a', 'web-b', 'db') { $null = $daemon.Docker('create', '--name', $name, $image) }
        }
    }

    AfterAll { if ($daemon) { $daemon.Dispose() } }

    It 'names the containers of the -DockerHost typed before it, running or not' {
        if (Skip-WithoutComponent dockerd $daemon) { return }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $found = Get-Completion "Get-ContainerThreat -DockerHost '$($daemon.Endpoint)' -Name WE"
        Write-Host "completion of container names on a live daemon: $($watch.ElapsedMilliseconds) ms"
        $found.CompletionText | Should -Be 'web-a', 'web-b'
        $found[0].ToolTip | Should -BeLike '*(created)'
    }

    It 'completes container ids for -Id, with the name in the list' {
        if (Skip-WithoutComponent dockerd $daemon) { return }
        $id = ($daemon.Docker('inspect', '--format', '{{.Id}}', 'db') | Out-String).Trim()
        $found = Get-Completion "Get-ContainerThreat -DockerHost '$($daemon.Endpoint)' -Id $($id.Substring(0, 4))"
        $found.CompletionText | Should -Contain $id.Substring(0, 12)
        ($found | Where-Object CompletionText -EQ $id.Substring(0, 12)).ListItemText | Should -BeLike '* — db'
    }
}

Describe 'Container completion on a daemon that is not there' {
    It 'completes nothing at once when nothing listens on the socket' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Get-Completion "Get-ContainerThreat -DockerHost 'unix://$(Join-Path $script:Folder 'none.sock')' -Name " | Should -BeNullOrEmpty
        Write-Host "completion on a dead socket: $($watch.ElapsedMilliseconds) ms"
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
    }

    It 'gives up within the bound on <Kind> endpoint' -TestCases @(
        @{ Kind = 'a tcp connect that never completes'; Open = { [ContainerSecurity.Tests.Shared.MisbehavingServer]::Tcp('Blackhole') } }
        @{ Kind = 'a socket that accepts and never answers'; Open = { [ContainerSecurity.Tests.Shared.MisbehavingServer]::Unix('Silent', (Join-Path $script:Folder 'silent.sock')) } }
    ) {
        $server = & $Open
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Get-Completion "Get-ContainerThreat -DockerHost '$($server.Endpoint)' -Name " | Should -BeNullOrEmpty
            Write-Host "completion on $Kind`: $($watch.ElapsedMilliseconds) ms"
            $bound = [ContainerSecurity.Completion.DockerContainerCompleter]::Bound.TotalSeconds
            $watch.Elapsed.TotalSeconds | Should -BeLessThan ($bound + 1)
        }
        finally { $server.Dispose() }
    }
}
