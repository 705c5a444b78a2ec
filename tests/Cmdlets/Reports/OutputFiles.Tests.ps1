BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

# -Force replaces a regular file; it never replaces a symbolic link, a device or a FIFO (what Export-Csv does too).
BeforeDiscovery {
    $exports = @(
        @{ Name = 'Export-ContainerSecurityReport'; Export = { param($Findings, $Path, [switch] $Force) $Findings | Export-ContainerSecurityReport -LiteralPath $Path -Format Csv -Force:$Force } }
        @{ Name = 'Export-ThreatCheatSheet'; Export = { param($Findings, $Path, [switch] $Force) $Findings | Export-ThreatCheatSheet -LiteralPath $Path -Format Markdown -Force:$Force } }
    )
}

Describe 'Export-ContainerSecurityReport and Export-ThreatCheatSheet write through links and into devices' -Skip:$IsWindows {
    BeforeAll {
        $findings = Get-PodThreat -Path (Get-RepositoryPath examples kubernetes)
    }
    BeforeEach { $folder = New-TestFolder }
    AfterEach { Remove-Item -LiteralPath $folder -Recurse -Force }

    It '<Name> -Force writes the file a symbolic link names, and the link stays a link' -ForEach $exports {
        $real = Join-Path $folder 'real.txt'
        $link = Join-Path $folder 'link.txt'
        Set-Content -LiteralPath $real -Value 'old'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $real

        & $Export $findings $link -Force

        (Get-Item -LiteralPath $link -Force).LinkTarget | Should -Be $real
        Get-Content -Raw -LiteralPath $real | Should -Not -Be "old$([Environment]::NewLine)"
        (Get-Item -LiteralPath $real).Length | Should -BeGreaterThan 1000
    }

    It '<Name> without -Force refuses to overwrite the file behind a link' -ForEach $exports {
        $real = Join-Path $folder 'real.txt'
        $link = Join-Path $folder 'link.txt'
        Set-Content -LiteralPath $real -Value 'old'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $real

        { & $Export $findings $link } | Should -Throw -ErrorId 'OutputFileExists*'
        Get-Content -LiteralPath $real | Should -Be 'old'
    }

    It '<Name> creates the missing file a dangling link names' -ForEach $exports {
        $real = Join-Path $folder 'new.txt'
        $link = Join-Path $folder 'dangling.txt'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $real

        & $Export $findings $link

        (Get-Item -LiteralPath $link -Force).LinkTarget | Should -Be $real
        Test-Path -LiteralPath $real -PathType Leaf | Should -BeTrue
    }

    # The device and /dev/stdout are reached through links in the test folder: if a regression replaced what it
    # writes to, it would replace the link there, never /dev/null or /dev/stdout of the machine.
    It '<Name> -Force writes into a character device and leaves it a device' -ForEach $exports {
        $device = Join-Path $folder 'null'
        $null = New-Item -ItemType SymbolicLink -Path $device -Target '/dev/null'

        & $Export $findings $device -Force

        (Get-Item -LiteralPath $device -Force).LinkTarget | Should -Be '/dev/null'
        & bash -c 'test -c /dev/null' ; $LASTEXITCODE | Should -Be 0
    }

    It '<Name> writes into a FIFO for its reader, and the FIFO stays a FIFO' -ForEach $exports {
        $fifo = Join-Path $folder 'fifo'
        & mkfifo $fifo
        $received = Join-Path $folder 'received'
        $reader = [System.Diagnostics.Process]::Start('bash', [string[]] @('-c', "cat '$fifo' > '$received'"))

        & $Export $findings $fifo
        $reader.WaitForExit(10000) | Should -BeTrue

        (Get-Item -LiteralPath $received).Length | Should -BeGreaterThan 1000
        & bash -c "test -p '$fifo'" ; $LASTEXITCODE | Should -Be 0
    }

    It '<Name> writes to the standard output of a child pwsh through /proc/self/fd/1' -ForEach $exports {
        $stdout = Join-Path $folder 'stdout'
        $null = New-Item -ItemType SymbolicLink -Path $stdout -Target '/proc/self/fd/1'
        $command = "Import-Module '$(Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1)'; " +
            "`$findings = Get-PodThreat -Path '$(Get-RepositoryPath examples kubernetes)'; " +
            "& { $Export } `$findings '$stdout' -Force"
        $printed = & (Get-PwshPath) -NoProfile -NonInteractive -Command $command
        $LASTEXITCODE | Should -Be 0
        ($printed -join "`n") | Should -Match 'KP002'
        (Get-Item -LiteralPath $stdout -Force).LinkTarget | Should -Be '/proc/self/fd/1'
    }

    It '<Name> stops with an error on a symbolic link loop' -ForEach $exports {
        $a = Join-Path $folder 'a'
        $b = Join-Path $folder 'b'
        $null = New-Item -ItemType SymbolicLink -Path $a -Target $b
        $null = New-Item -ItemType SymbolicLink -Path $b -Target $a
        { & $Export $findings $a -Force } | Should -Throw -ErrorId 'OutputFileWriteFailed*' -ExpectedMessage '*loop*'
    }
}

Describe 'Control characters from the input in the text outputs' {
    BeforeAll {
        $folder = New-TestFolder
        # YAML's "\e" is ESC, "\0" NUL and "\b" backspace: a name and an image that would drive a terminal.
        $manifest = Join-Path $folder 'hostile.yaml'
        Set-Content -LiteralPath $manifest -Value @'
apiVersion: v1
kind: Pod
metadata:
  name: "web\e[2J\e]0;owned\a"
  namespace: "shop\0\b\b"
spec:
  containers:
    - name: "app\e[31m"
      image: "nginx\e[1A"
      securityContext:
        privileged: true
'@
        $findings = Get-PodThreat -LiteralPath $manifest
    }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

    It 'the input really holds them' {
        ($findings.Target.Name -join '') | Should -Match ([char]27)
    }

    It 'none reaches the <Format> report' -ForEach @(
        @{ Format = 'Csv' }, @{ Format = 'Json' }, @{ Format = 'Sarif' }, @{ Format = 'JUnit' }
    ) {
        $text = $findings | ConvertTo-ContainerSecurityReport -Format $Format
        $text | Should -Not -Match '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]'
    }

    It 'none reaches the <Format> cheat sheet' -ForEach @(
        @{ Format = 'Markdown' }, @{ Format = 'Html' }, @{ Format = 'Json' }
    ) {
        $path = Join-Path $folder "sheet.$Format"
        $findings | Export-ThreatCheatSheet -LiteralPath $path -Format $Format -Force
        Get-Content -Raw -LiteralPath $path | Should -Not -Match '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]'
    }

    It 'the XML and JSON outputs stay valid' {
        [xml] ($findings | ConvertTo-ContainerSecurityReport -Format JUnit) | Should -Not -BeNullOrEmpty
        $findings | ConvertTo-ContainerSecurityReport -Format Sarif | ConvertFrom-Json | Should -Not -BeNullOrEmpty
        $findings | ConvertTo-ContainerSecurityReport -Format Json | ConvertFrom-Json | Should -Not -BeNullOrEmpty
    }
}

Describe 'Ctrl+C while an export waits for a FIFO reader' -Skip:$IsWindows {
    BeforeAll { $folder = New-TestFolder }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

    It '<Name> stops within a second of SIGINT' -ForEach @(
        @{ Name = 'Export-ContainerSecurityReport'; Command = 'Export-ContainerSecurityReport -Format Csv' }
        @{ Name = 'Export-ThreatCheatSheet'; Command = 'Export-ThreatCheatSheet -Format Markdown' }
    ) {
        $fifo = Join-Path $folder "fifo-$Name"
        & mkfifo $fifo
        $script = "Import-Module '$(Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1)'; " +
            "`$findings = Get-PodThreat -Path '$(Get-RepositoryPath examples kubernetes)'; 'ready'; " +
            "`$findings | $Command -LiteralPath '$fifo'; 'after'"
        $start = [System.Diagnostics.ProcessStartInfo]::new((Get-PwshPath))
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $script) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $child = [System.Diagnostics.Process]::Start($start)
        try {
            $child.StandardOutput.ReadLine() | Should -Be 'ready'
            Start-Sleep -Milliseconds 1500   # into the open(2) that waits for a reader
            $child.HasExited | Should -BeFalse -Because 'the export waits for a reader of the FIFO'

            & kill -INT $child.Id
            $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
            $exited = $child.WaitForExit(5000)
            $stopwatch.Stop()

            $exited | Should -BeTrue
            $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 1.5
            $child.StandardOutput.ReadToEnd() | Should -Not -Match 'after'
        }
        finally {
            if (-not $child.HasExited) { $child.Kill() }
            $child.Dispose()
        }
    }
}
