BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

Describe 'Test-* -Quiet fails closed' {
    It 'Test-DockerDaemonConfig stops when -Root does not exist, instead of answering $true' {
        $missing = Join-Path ([System.IO.Path]::GetTempPath()) ('cs-missing-' + [guid]::NewGuid())
        { Test-DockerDaemonConfig -Root $missing -Section 3 -Quiet } | Should -Throw -ErrorId 'DaemonRootNotFound*'
        { Test-DockerDaemonConfig -Root $missing -Section 3 } | Should -Throw "*$missing*"
    }

    It 'Test-DockerDaemonConfig says $false, and why, when no daemon answers' {
        $socket = 'unix://' + (Join-Path ([System.IO.Path]::GetTempPath()) ('cs-none-' + [guid]::NewGuid() + '.sock'))
        Test-DockerDaemonConfig -DockerHost $socket -Id DD014 -Quiet -ErrorAction SilentlyContinue | Assert-QuietAnswer $false
        $finding = Test-DockerDaemonConfig -DockerHost $socket -Id DD014 -ErrorAction SilentlyContinue
        $finding.Status | Should -Be 'Error'
        $finding.Message | Should -BeLike "No daemon answered at $socket*"
    }

    It 'Test-KubeConfig says $false when a file it was given does not exist' {
        $missing = Join-Path ([System.IO.Path]::GetTempPath()) ('cs-missing-' + [guid]::NewGuid() + '.yaml')
        Test-KubeConfig -LiteralPath $missing -Quiet -ErrorAction SilentlyContinue | Assert-QuietAnswer $false
    }

    It 'Test-ManagementEndpoint says $false when an endpoint could not be probed' {
        # Port 1 on loopback refuses at once: nothing was checked, so nothing may pass.
        Test-ManagementEndpoint -Uri 'http://127.0.0.1:1/pods' -TimeoutSec 5 -Quiet -ErrorAction SilentlyContinue | Assert-QuietAnswer $false
    }

    It 'Test-ManagementEndpoint says $false for an address it cannot probe at all' {
        Test-ManagementEndpoint -Uri 'ftp://127.0.0.1/' -Quiet -ErrorAction SilentlyContinue | Assert-QuietAnswer $false
    }
}
