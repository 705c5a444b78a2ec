<#
    -Path and -LiteralPath of every cmdlet that reads files: a wildcard that matches nothing, special files (FIFOs,
    devices), folder links (loops, links out of the tree), and Ctrl+C while a large file is read. Whatever could hang
    runs in a child pwsh with a deadline, so a regression fails the test instead of stopping the suite.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')

    $script:Module = Join-Path (Split-Path (Get-Module ContainerSecurity).Path) 'ContainerSecurity.psd1'

    # Runs $Command in a fresh pwsh; kills it after $TimeoutSec. Returns output (all streams, as text), whether it
    # finished, and how long it took.
    function Invoke-Child([string] $Command, [int] $TimeoutSec = 60) {
        $start = [System.Diagnostics.ProcessStartInfo]::new((Get-PwshPath))
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$script:Module'; $Command *>&1 | ForEach-Object { `"`$_`" }") {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $process = [System.Diagnostics.Process]::Start($start)
        $output = $process.StandardOutput.ReadToEndAsync()
        $finished = $process.WaitForExit($TimeoutSec * 1000)
        if (-not $finished) { $process.Kill($true); $process.WaitForExit() }
        [pscustomobject]@{ Finished = $finished; Seconds = $watch.Elapsed.TotalSeconds; Output = $output.Result }
    }

    # Starts $Command in a fresh pwsh, waits until it is inside the command, sends SIGINT (Ctrl+C) and returns the
    # seconds until the process has exited, or -1 when it finished before the signal (the input was too small).
    function Measure-CtrlC([string] $Command) {
        $start = [System.Diagnostics.ProcessStartInfo]::new((Get-PwshPath))
        foreach ($argument in '-NoProfile', '-Command', "Import-Module '$script:Module'; 'inside'; $Command | Out-Null; 'completed'") {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        try {
            while (($line = $process.StandardOutput.ReadLine()) -ne 'inside') {
                if ($null -eq $line) { throw 'the child pwsh ended before it reached the command' }
            }
            Start-Sleep -Milliseconds 1500
            if ($process.HasExited) { return -1 }
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            & kill -INT $process.Id
            if (-not $process.WaitForExit(10000)) { return 99 }
            $watch.Elapsed.TotalSeconds
        }
        finally {
            if (-not $process.HasExited) { $process.Kill($true) }
        }
    }

    $script:Folder = New-TestFolder
}

AfterAll {
    Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'A -Path wildcard that matches nothing' {
    BeforeAll {
        Set-Content -LiteralPath (Join-Path $script:Folder '[x].yaml') -Value 'apiVersion: v1'
    }

    It '<Command> says that nothing matched, as Get-Item does' -ForEach @(
        @{ Command = 'Get-PodThreat' }, @{ Command = 'Get-RbacThreat' }, @{ Command = 'Get-ClusterThreat' },
        @{ Command = 'Test-KubeConfig' }, @{ Command = 'Get-DockerfileThreat' }, @{ Command = 'Get-ContainerThreat' }
    ) {
        $pattern = Join-Path $script:Folder 'nothing-here-*'
        $result = & $Command -Path $pattern -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Where-Object { $_ -isnot [bool] } | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        $failed[0].Exception.Message | Should -BeLike "*'$pattern'*"
    }

    It '<Command> points to -LiteralPath for a name with [ ] that exists' -ForEach @(
        @{ Command = 'Get-PodThreat' }, @{ Command = 'Get-DockerfileThreat' }, @{ Command = 'Test-KubeConfig' }
    ) {
        $literal = Join-Path $script:Folder '[x].yaml'
        & $Command -Path $literal -ErrorVariable failed -ErrorAction SilentlyContinue | Out-Null

        $failed | Should -HaveCount 1
        $failed[0].Exception.Message | Should -BeLike '*use -LiteralPath*'
    }
}

Describe 'Special files and folder links' -Skip:$IsWindows {
    BeforeAll {
        $script:Tree = Join-Path $script:Folder 'tree'
        New-Item -ItemType Directory -Path (Join-Path $script:Tree 'app') | Out-Null
        Set-Content -LiteralPath (Join-Path $script:Tree 'app' 'Dockerfile') -Value "FROM alpine:3.19`nUSER root"
        Copy-Item -LiteralPath (Get-RepositoryPath examples kubernetes shop.yaml) -Destination (Join-Path $script:Tree 'app' 'shop.yaml')
        Copy-Item -LiteralPath (Get-RepositoryPath examples docker inspect-web.json) -Destination (Join-Path $script:Tree 'app' 'inspect.json')
        foreach ($fifo in 'Dockerfile', 'pod.yaml', 'inspect.json') { & mkfifo (Join-Path $script:Tree $fifo) }
        # Two self-links (a folder that never finished before), a loop to the root, and a way out to the whole host.
        New-Item -ItemType SymbolicLink -Path (Join-Path $script:Tree 'app' 'self') -Target '.' | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $script:Tree 'app' 'up') -Target '..' | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $script:Tree 'proc') -Target '/proc' | Out-Null
    }

    It '<Command> reads each real file once, skips FIFOs with a warning and does not leave the tree' -ForEach @(
        @{ Command = 'Get-DockerfileThreat'; File = 'app/Dockerfile'; Fifo = 'Dockerfile' },
        @{ Command = 'Get-PodThreat'; File = 'app/shop.yaml'; Fifo = 'pod.yaml' },
        @{ Command = 'Get-RbacThreat'; File = 'app/shop.yaml'; Fifo = 'pod.yaml' },
        @{ Command = 'Get-ClusterThreat'; File = 'app/shop.yaml'; Fifo = 'pod.yaml' },
        @{ Command = 'Get-ContainerThreat'; File = 'app/inspect.json'; Fifo = 'inspect.json' }
    ) {
        $run = Invoke-Child "$Command -Path '$script:Tree' -Verbose; 'files: ' + (($Command -Path '$script:Tree' -IncludePassed:`$false -ErrorAction SilentlyContinue | ForEach-Object { `$_.Target.File } | Sort-Object -Unique) -join '|')" -TimeoutSec 120

        $run.Finished | Should -BeTrue -Because 'a FIFO or a folder loop must not hang the walk'
        $run.Output | Should -Match ([regex]::Escape((Join-Path $script:Tree $Fifo)) + ': is a named pipe \(FIFO\), not a regular file; skipped')
        $run.Output | Should -Match ([regex]::Escape((Join-Path $script:Tree 'proc')) + ': a link to a folder outside the folder given')
        $run.Output | Should -Not -Match '/proc/\d+/'
    }

    It 'Get-DockerfileThreat reports the Dockerfile of a looped folder once' {
        $findings = Get-DockerfileThreat -Path $script:Tree -WarningAction SilentlyContinue
        ($findings | Where-Object RuleId -EQ 'DI001').Count | Should -Be 1
        ($findings.Target.File | Sort-Object -Unique) | Should -Be (Join-Path $script:Tree 'app' 'Dockerfile')
    }

    It '<Command> refuses /dev/zero at once with an error naming it' -ForEach @(
        @{ Command = 'Get-DockerfileThreat -Path /dev/zero' },
        @{ Command = 'Get-ContainerThreat -Path /dev/zero' },
        @{ Command = 'Get-PodThreat -Path /dev/zero' },
        @{ Command = 'Get-RbacThreat -Path /dev/urandom' },
        @{ Command = 'Get-ClusterThreat -Path /dev/zero' },
        @{ Command = 'Test-KubeConfig -Path /dev/zero' },
        @{ Command = 'Test-DockerDaemonConfig -Offline -Path /dev/zero' },
        @{ Command = 'Get-DockerDaemonConfig -Offline -Path /dev/zero' }
    ) {
        $run = Invoke-Child "$Command -ErrorAction Continue" -TimeoutSec 60

        $run.Finished | Should -BeTrue
        $run.Output | Should -Match '/dev/(zero|urandom): is a character device, not a regular file'
        $run.Output | Should -Not -Match 'OutOfMemory|Overflow'
    }

    It '<Command> refuses a FIFO named explicitly without waiting for a writer' -ForEach @(
        @{ Command = 'Get-DockerfileThreat -LiteralPath' }, @{ Command = 'Get-PodThreat -LiteralPath' },
        @{ Command = 'Test-KubeConfig -LiteralPath' }, @{ Command = 'Test-DockerDaemonConfig -Offline -Path' }
    ) {
        $run = Invoke-Child "$Command '$(Join-Path $script:Tree 'pod.yaml')'" -TimeoutSec 60

        $run.Finished | Should -BeTrue
        $run.Output | Should -Match 'is a named pipe \(FIFO\), not a regular file'
    }

    It 'Test-KubeConfig -Path <folder> says why the folder is not read' {
        Test-KubeConfig -Path $script:Tree -ErrorVariable failed -ErrorAction SilentlyContinue | Out-Null
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
        $failed[0].Exception.Message | Should -BeLike '*is a folder; name the kubeconfig file itself*'
    }
}

Describe 'Ctrl+C while a large file is read' -Skip:$IsWindows {
    BeforeAll {
        $big = Join-Path $script:Folder 'big'
        New-Item -ItemType Directory -Path $big | Out-Null

        # Inputs large enough to keep each cmdlet busy for several seconds (all legal, under every bound).
        $script:Dockerfile = Join-Path $big 'Dockerfile'
        [System.IO.File]::WriteAllText($script:Dockerfile, "FROM alpine:3.19`n" + (-join (1..200000 | ForEach-Object { "RUN echo step $_ && apk add --no-cache tool$_`n" })))

        $container = (Get-Content -Raw (Get-RepositoryPath examples docker inspect-web.json)).Trim().TrimStart('[').TrimEnd(']')
        $script:Inspect = Join-Path $big 'inspect.json'
        [System.IO.File]::WriteAllText($script:Inspect, '[' + (($container + ',') * 12000) + $container + ']')

        $shop = (Get-Content -Raw (Get-RepositoryPath examples kubernetes shop.yaml)) + "`n---`n"
        $script:Manifest = Join-Path $big 'all.yaml'
        [System.IO.File]::WriteAllText($script:Manifest, $shop * 6000)

        $script:KubeConfig = Join-Path $big 'config'
        [System.IO.File]::WriteAllText($script:KubeConfig, "apiVersion: v1`nkind: Config`nclusters: []`ncontexts: []`nusers:`n" + (-join (1..300000 | ForEach-Object { "- name: u$_`n  user:`n    token: t$_`n" })))

        # The control: pwsh's own Start-Sleep, in the same setup.
        $script:Control = Measure-CtrlC 'Start-Sleep -Seconds 60'
    }

    It 'the control (Start-Sleep) stops' {
        $script:Control | Should -BeGreaterThan 0
        $script:Control | Should -BeLessThan 1
    }

    It '<Name> stops within 1 s of Ctrl+C' -ForEach @(
        @{ Name = 'Get-DockerfileThreat'; Command = 'Get-DockerfileThreat -Path $Dockerfile' },
        @{ Name = 'Get-ContainerThreat'; Command = 'Get-ContainerThreat -Path $Inspect' },
        @{ Name = 'Get-PodThreat'; Command = 'Get-PodThreat -Path $Manifest' },
        @{ Name = 'Get-RbacThreat'; Command = 'Get-RbacThreat -Path $Manifest' },
        @{ Name = 'Get-ClusterThreat'; Command = 'Get-ClusterThreat -Path $Manifest' },
        @{ Name = 'Test-KubeConfig'; Command = 'Test-KubeConfig -Path $KubeConfig' }
    ) {
        $expanded = [regex]::Replace($Command, '\$(\w+)', { param($m) "'" + (Get-Variable -Scope Script -Name $m.Groups[1].Value -ValueOnly) + "'" })
        $seconds = Measure-CtrlC $expanded

        $seconds | Should -Not -Be -1 -Because 'the input must keep the command busy past the signal'
        # Measured to the exit of the process, as for the control; pwsh's own shutdown is not the cmdlet's time.
        ($seconds - $script:Control) | Should -BeLessThan 1
    }
}
