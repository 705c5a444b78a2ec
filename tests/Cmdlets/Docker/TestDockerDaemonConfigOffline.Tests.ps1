BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    . (Join-Path $PSScriptRoot 'DaemonFindings.ps1')
}

# Offline audits through the cmdlets: a daemon.json, flags, and a host tree with real owners and modes.
Describe 'Test-DockerDaemonConfig offline' {
    BeforeEach {
        $tree = [ContainerSecurity.Tests.Shared.TestHostTree]::new()
        $root = $tree.Root
    }
    AfterEach { $tree.Dispose() }

    It 'runs the file checks under -Root with real ownership and gives the command that fixes each' {
        $canChown = if ([ContainerSecurity.Tests.Shared.TestHostTree]::CanChown) { 'root' }
        if (Skip-WithoutComponent 'root (to give files to other owners)' $canChown) { return }
        $null = $tree.Folder('/etc/docker', '0755')
        $null = $tree.Write('/etc/docker/daemon.json', '{ "tlsverify": true, "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"], "tlscacert": "/etc/docker/tls/ca.pem" }', '0666')
        $null = $tree.Write('/etc/docker/tls/ca.pem', '-----BEGIN CERTIFICATE-----', '0644', 1000)
        $tree.Link('/var/run', '/run')
        $null = $tree.Socket('/run/docker.sock', '0660', 0, 999)

        $findings = @(Test-DockerDaemonConfig -Root $root -Section 3)

        Assert-FindingStatus $findings ([ordered]@{
                DF005 = 'Pass'; DF006 = 'Pass'; DF009 = 'Fail'; DF010 = 'Fail'; DF017 = 'Pass'; DF018 = 'Fail'; DF015 = 'Pass'; DF016 = 'Pass'; DF021 = 'NotApplicable'
            })
        (Get-SingleFinding $findings DF018).Remediation | Should -BeExactly 'sudo chmod 644 /etc/docker/daemon.json'
        (Get-SingleFinding $findings DF009).Remediation | Should -BeExactly 'sudo chown root:root /etc/docker/tls/ca.pem'
        (Get-SingleFinding $findings DF009).Message | Should -BeLikeExactly '*mallory:root*'
        foreach ($finding in $findings) { $finding.Cis[0] | Should -BeLikeExactly '3.*' }
    }

    It 'returns $true with -Quiet only when nothing failed' {
        $good = $tree.Write('/good.json', '{ "icc": false }')
        $bad = $tree.Write('/bad.json', '{ "icc": true }')

        Test-DockerDaemonConfig -Path $good -Id DD002 -Quiet | Assert-QuietAnswer $true
        Test-DockerDaemonConfig -Path $bad -Id DD002 -Quiet | Assert-QuietAnswer $false
    }

    It 'reports malformed JSON as an error naming file, line and column and the other checks still report' {
        $path = $tree.Write('/daemon.json', "{`n  `"icc`": false,`n  `"log-level`": `"info`"`n  `"debug`": true`n}")

        $run = Invoke-Captured { Test-DockerDaemonConfig -Path $path -Section 2 }

        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidDaemonConfig,ContainerSecurity.Commands.Docker.TestDockerDaemonConfigCommand'
        $run.Errors[0].ToString().StartsWith("${path}:4:3: invalid JSON", [System.StringComparison]::Ordinal) | Should -BeTrue -Because $run.Errors[0].ToString()
        @($run.Output).Count | Should -Be 18
    }

    It 'reports unknown keys as dockerd rejects them' {
        $path = $tree.Write('/daemon.json', "{`n  `"icc`": false,`n  `"no-new-privilege`": true`n}")

        $run = Invoke-Captured { Test-DockerDaemonConfig -Path $path -Id DD002, DD014 }

        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLikeExactly 'UnknownDaemonConfigKey,*'
        $run.Errors[0].ToString() | Should -BeLikeExactly "*:3:3: the following directives don't match any configuration option: no-new-privilege*"
        Assert-FindingStatus $run.Output ([ordered]@{ DD002 = 'Pass'; DD014 = 'Fail' })
    }

    It 'reports a directory as -Path and a setting given both as flag and in the file' {
        $directory = $tree.Folder('/etc/docker')
        $file = $tree.Write('/etc/docker/daemon.json', '{ "icc": true }')

        $run = Invoke-Captured { Test-DockerDaemonConfig -Path $directory -Id DD002 }
        $conflict = Invoke-Captured { Test-DockerDaemonConfig -Path $file -DaemonArgument '--icc=false' -Id DD002 }

        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLikeExactly 'DaemonConfigIsDirectory,*'
        $run.Errors[0].ToString() | Should -BeLikeExactly "*$directory*"
        (Get-SingleFinding $run.Output DD002).Status.ToString() | Should -BeExactly 'Fail'
        @($conflict.Errors).Count | Should -Be 1
        $conflict.Errors[0].FullyQualifiedErrorId | Should -BeLikeExactly 'DaemonConfigConflict,*'
    }

    It 'selects checks by CIS id with -Section and by rule id with -Id' {
        $results = @(Test-DockerDaemonConfig -Root $root -Section 2.7, 4.5, 1.1.2)
        $wildcard = @(Test-DockerDaemonConfig -Root $root -Id 'DF01*')

        @($results.RuleId | Get-OrdinalSorted) | Should -Be @('DD007', 'DD019', 'DD020')
        foreach ($result in $wildcard) { $result.RuleId | Should -BeLikeExactly 'DF01*' }
    }

    It 'binds a daemon.json from the pipeline by PSPath' {
        $path = $tree.Write('/daemon.json', '{ "userland-proxy": false }')

        $findings = @([pscustomobject]@{ PSPath = $path } | Test-DockerDaemonConfig -Id DD016)

        (Get-SingleFinding $findings DD016).Status.ToString() | Should -BeExactly 'Pass'
    }

    It 'renders results as the finding table' {
        $path = $tree.Write('/daemon.json', '{ "icc": true }')

        $run = Invoke-Captured { Test-DockerDaemonConfig -Path $path -Id DD002 | Format-AsUserSees }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Match 'Status\s+Severity\s+RuleId\s+Target\s+Message'
        $run.Output | Should -Match 'Fail\s+Medium\s+DD002'
    }

    It 'reports a filter that selects no check as an error rather than a silent pass' {
        $path = $tree.Write('/daemon.json', '{}')

        $run = Invoke-Captured { Test-DockerDaemonConfig -Path $path -Section 9 -Quiet }

        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeExactly 'NoDaemonCheckSelected,ContainerSecurity.Commands.Docker.TestDockerDaemonConfigCommand'
    }
}
