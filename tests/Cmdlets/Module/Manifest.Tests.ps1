BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $manifest = Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1
    $moduleDirectory = Get-RepositoryPath out ContainerSecurity
}

Describe 'The built module manifest and layout' {
    It 'passes Test-ModuleManifest with the version of Directory.Build.props filled in' {
        $info = Test-ModuleManifest -Path $manifest
        $buildVersion = ([xml](Get-Content -Raw (Get-RepositoryPath Directory.Build.props))).Project.PropertyGroup.ModuleVersion |
            Where-Object { $_ } | Select-Object -First 1

        $info.Version.ToString(3) | Should -Be $buildVersion
        $info.Name | Should -Be 'ContainerSecurity'
        $info.CompatiblePSEditions | Should -Contain 'Core'
        $info.PowerShellVersion | Should -Be ([version]'7.4')
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $declared = (Test-ModuleManifest -Path $manifest).ExportedCmdlets.Keys | Get-OrdinalSorted
        $defined = (Get-Module ContainerSecurity).ImplementingAssembly.GetTypes() |
            Where-Object { $_.IsPublic -and -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; '{0}-{1}' -f $a.VerbName, $a.NounName } |
            Get-OrdinalSorted
        # The Pester integration (Invoke-ContainerSecurityTest, Install-ContainerSecurityTest) is script, not cmdlets.
        $exported = (Get-Command -Module ContainerSecurity -CommandType Cmdlet).Name | Get-OrdinalSorted

        $defined | Should -Not -BeNullOrEmpty
        $declared | Should -Be $defined
        $exported | Should -Be $defined
    }

    It 'exports the functions of the nested Pester integration that the manifest declares' {
        $declared = (Test-ModuleManifest -Path $manifest).ExportedFunctions.Keys | Get-OrdinalSorted
        $exported = (Get-Command -Module ContainerSecurity -CommandType Function).Name | Get-OrdinalSorted

        $declared | Should -Be @('Install-ContainerSecurityTest', 'Invoke-ContainerSecurityTest')
        $exported | Should -Be $declared
    }

    It 'keeps third-party libraries in Dependencies and ships the compiled help' {
        $root = (Get-ChildItem -LiteralPath $moduleDirectory -Filter '*.dll' -File).Name | Get-OrdinalSorted
        $dependencies = (Get-ChildItem -LiteralPath (Join-Path $moduleDirectory 'Dependencies') -Filter '*.dll' -File).Name

        $root | Should -Be @('ContainerSecurity.Models.dll', 'ContainerSecurity.dll') -Because 'only our own assemblies load into the default context'
        foreach ($library in 'ContainerSecurity.Engine.dll', 'YamlDotNet.dll', 'KubernetesClient.dll', 'Docker.DotNet.dll') {
            $dependencies | Should -Contain $library
        }
        Join-Path $moduleDirectory 'en-US' 'ContainerSecurity.dll-Help.xml' | Should -Exist
        Join-Path $moduleDirectory 'en-US' 'about_ContainerSecurity.help.txt' | Should -Exist
    }
}
