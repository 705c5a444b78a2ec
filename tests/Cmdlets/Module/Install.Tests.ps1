BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')

    function Invoke-IsolatedPwsh {
        <#
            A new pwsh whose user folders (HOME, XDG_*) are under $UserHome and whose PSModulePath is computed afresh:
            what it registers and installs stays there, and the real user's modules and repositories are not seen.
        #>
        param([Parameter(Mandatory)] [string] $UserHome, [Parameter(Mandatory)] [string] $Command)
        # The folders must exist: .NET answers "" for a special folder that does not, and PSResourceGet would then keep
        # its repository list and NuGet settings relative to the working directory.
        $dataHome = New-Item -ItemType Directory -Force -Path (Join-Path $UserHome '.local' 'share')
        $configHome = New-Item -ItemType Directory -Force -Path (Join-Path $UserHome '.config')
        $cacheHome = New-Item -ItemType Directory -Force -Path (Join-Path $UserHome '.cache')
        $start = [System.Diagnostics.ProcessStartInfo]::new((Get-PwshPath))
        $start.WorkingDirectory = $UserHome
        foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $Command) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $start.Environment['HOME'] = $UserHome
        $start.Environment['XDG_DATA_HOME'] = $dataHome.FullName
        $start.Environment['XDG_CONFIG_HOME'] = $configHome.FullName
        $start.Environment['XDG_CACHE_HOME'] = $cacheHome.FullName
        $start.Environment['NO_COLOR'] = '1'   # plain text: errors go into failure messages and the NUnit XML
        $start.Environment.Remove('PSModulePath') | Out-Null
        $process = [System.Diagnostics.Process]::Start($start)
        $errorText = $process.StandardError.ReadToEndAsync()
        $outputText = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $outputText; Error = $errorText.Result }
    }
}

# What a runbook author does on a machine with only .NET and pwsh: install the module from a PowerShell repository
# that holds the built .nupkg, then import it by name in a new session.
Describe 'Install-PSResource ContainerSecurity from a local repository' {
    BeforeAll {
        $folder = New-TestFolder
        $userHome = New-Item -ItemType Directory -Path (Join-Path $folder 'home')
        $repository = New-Item -ItemType Directory -Path (Join-Path $folder 'repository')
        $moduleOut = Get-RepositoryPath out ContainerSecurity
        $version = (Import-PowerShellDataFile (Join-Path $moduleOut 'ContainerSecurity.psd1')).ModuleVersion

        # The package build.ps1 -Task Package wrote, when it is newer than the module it packs; else pack it here.
        $built = Get-Item -LiteralPath (Get-RepositoryPath out packages "ContainerSecurity.$version.nupkg") -ErrorAction Ignore
        $moduleTime = (Get-Item -LiteralPath (Join-Path $moduleOut 'ContainerSecurity.dll')).LastWriteTimeUtc
        $packFirst = -not ($built -and $built.LastWriteTimeUtc -ge $moduleTime)
        if (-not $packFirst) { Copy-Item -LiteralPath $built.FullName -Destination $repository }

        $install = Invoke-IsolatedPwsh -UserHome $userHome -Command (@(
                '$ErrorActionPreference = ''Stop'''
                "Register-PSResourceRepository -Name Local -Uri '$repository' -Trusted"
                $(if ($packFirst) { "Publish-PSResource -Path '$moduleOut' -Repository Local" })
                'Install-PSResource ContainerSecurity -Repository Local -Scope CurrentUser'
                '(Get-InstalledPSResource ContainerSecurity).InstalledLocation'
            ) -join [Environment]::NewLine)
        $use = Invoke-IsolatedPwsh -UserHome $userHome -Command (@(
                '$ErrorActionPreference = ''Stop'''
                'Import-Module ContainerSecurity'
                '(Get-Module ContainerSecurity).ModuleBase'
                '(Get-ContainerSecurityRule -Id KP001).Title'
            ) -join [Environment]::NewLine)
    }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

    It 'installs the .nupkg into the user scope of the isolated home' {
        $install.ExitCode | Should -Be 0 -Because $install.Error
        Join-Path $userHome '.local' 'share' 'PSResourceGet' 'PSResourceRepository.xml' | Should -Exist -Because 'the repository is registered in the isolated home'
        Get-ChildItem -LiteralPath $repository -Filter "ContainerSecurity.$version.nupkg" | Should -Not -BeNullOrEmpty
        $install.Output | Should -BeLikeExactly "*$userHome*"
        Join-Path $userHome '.local' 'share' 'powershell' 'Modules' 'ContainerSecurity' $version 'ContainerSecurity.psd1' | Should -Exist
        Join-Path $userHome '.local' 'share' 'powershell' 'Modules' 'ContainerSecurity' $version 'Dependencies' 'ContainerSecurity.Engine.dll' | Should -Exist
    }

    It 'imports by name in a new pwsh and runs a cmdlet' {
        $use.ExitCode | Should -Be 0 -Because $use.Error
        $lines = $use.Output -split "`r?`n" | Where-Object { $_ }
        $lines[0] | Should -BeLikeExactly "$userHome*" -Because 'the module comes from the installed copy, not from out/'
        $lines[1] | Should -BeExactly 'Container does not drop the NET_RAW capability'
    }
}
