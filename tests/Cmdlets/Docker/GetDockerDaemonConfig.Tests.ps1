BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')

    function Get-SettingSummary($Setting) {
        "$($Setting.Value)|$($Setting.Source)|$($Setting.Origin)|$($Setting.Default)"
    }
}

Describe 'Get-DockerDaemonConfig' {
    BeforeEach { $tree = [ContainerSecurity.Tests.Shared.TestHostTree]::new() }
    AfterEach { $tree.Dispose() }

    It 'gives each setting its value, source, origin and default' {
        $path = $tree.Write('/daemon.json', "{`n  `"icc`": false,`n  `"insecure-registries`": [`"a:5000`", `"b:5000`"]`n}")

        $settings = @(Get-DockerDaemonConfig -Path $path -DaemonArgument '--log-level debug' -Name icc, insecure-*, log-level, live-restore)

        $byName = @{}
        foreach ($setting in $settings) { $byName[$setting.Name] = $setting }
        @($settings.Name | Get-OrdinalSorted) | Should -Be @('icc', 'insecure-registries', 'live-restore', 'log-level')
        $byName['icc'].Value | Should -BeExactly 'false'
        Get-SettingSummary $byName['icc'] | Should -BeExactly "false|ConfigFile|${path}:2:3|true"
        Get-SettingSummary $byName['insecure-registries'] | Should -BeExactly "[a:5000, b:5000]|ConfigFile|${path}:3:3|"
        $null -eq $byName['insecure-registries'].Default | Should -BeTrue -Because 'dockerd has no default registry list'
        Get-SettingSummary $byName['log-level'] | Should -BeExactly 'debug|CommandLine|-DaemonArgument: --log-level debug|info'
        $byName['live-restore'].Provenance | Should -BeExactly 'live-restore: not set → default false'
    }

    It 'keeps only what something decided with -NonDefault' {
        $path = $tree.Write('/daemon.json', '{ "icc": false }')

        $settings = @(Get-DockerDaemonConfig -Path $path -NonDefault)

        $settings.Count | Should -Be 1
        $settings[0].Name | Should -BeExactly 'icc'
    }

    It 'renders settings as a table and keeps them through a CliXml round trip' {
        $path = $tree.Write('/daemon.json', '{ "icc": false }')

        $run = Invoke-Captured { Get-DockerDaemonConfig -Path $path -Name icc, log-level | Format-AsUserSees }
        $copy = @(ConvertTo-CliXmlCopy (Get-DockerDaemonConfig -Path $path -Name icc))
        $deserialized = ConvertTo-CliXmlCopy (Get-DockerDaemonConfig -Path $path -Name icc) | Format-AsUserSees

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Match 'Name\s+Value\s+Source\s+Default\s+Origin'
        $run.Output | Should -Match 'icc\s+false\s+ConfigFile\s+true\s+\S*daemon\.json:1:3'
        $run.Output | Should -Match 'log-level\s+info\s+Default\s+info\s+dockerd default'
        $copy.Count | Should -Be 1
        $copy[0].PSObject.TypeNames[0] | Should -BeExactly 'Deserialized.ContainerSecurity.DaemonSetting'
        "$($copy[0].Value)|$($copy[0].Source)" | Should -BeExactly 'false|ConfigFile'
        $deserialized | Should -Match 'icc\s+false\s+ConfigFile\s+true'
    }
}
