#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the ContainerSecurity module.

.DESCRIPTION
    The same dotnet steps CI runs, for people who have pwsh. `dotnet build` lays out the importable module in
    out/ContainerSecurity; this script adds cleaning, testing and packaging to a .nupkg that any PowerShell
    repository (Install-PSResource, Install-Module) accepts.

.PARAMETER Task
    What to do, in order: Clean, Build, Test, Package. Default: Build.

.PARAMETER Configuration
    Debug or Release. Default: Release.

.EXAMPLE
    ./build.ps1
    Import-Module ./out/ContainerSecurity

.EXAMPLE
    ./build.ps1 -Task Clean, Build, Test, Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Test', 'Package')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$solution = Join-Path $PSScriptRoot 'ContainerSecurity.sln'
$moduleOut = Join-Path $PSScriptRoot 'out' 'ContainerSecurity'
$packageOut = Join-Path $PSScriptRoot 'out' 'packages'

function Invoke-DotNet {
    param(
        # The dotnet command line, as an array: '--option' items would otherwise bind as PowerShell parameters.
        [Parameter(Mandatory)]
        [string[]] $ArgumentList
    )

    Write-Verbose "dotnet $ArgumentList"
    & dotnet @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($ArgumentList[0]) failed with exit code $LASTEXITCODE."
    }
}

switch ($Task) {
    'Clean' {
        Invoke-DotNet -ArgumentList 'clean', $solution, '--configuration', $Configuration, '--nologo'
        Remove-Item -LiteralPath (Join-Path $PSScriptRoot 'out') -Recurse -Force -ErrorAction Ignore
    }
    'Build' {
        Invoke-DotNet -ArgumentList 'build', $solution, '--configuration', $Configuration, '--nologo'
        Test-ModuleManifest -Path (Join-Path $moduleOut 'ContainerSecurity.psd1') | Out-Null
    }
    'Test' {
        Invoke-DotNet -ArgumentList 'test', $solution, '--configuration', $Configuration, '--nologo'
    }
    'Package' {
        # A throwaway local repository turns the laid-out module into the .nupkg PowerShell repositories expect.
        $repositoryName = "ContainerSecurityBuild-$PID"
        New-Item -ItemType Directory -Path $packageOut -Force | Out-Null
        Register-PSResourceRepository -Name $repositoryName -Uri $packageOut -Trusted
        try {
            Publish-PSResource -Path $moduleOut -Repository $repositoryName
            Invoke-DotNet -ArgumentList 'pack', (Join-Path $PSScriptRoot 'src' 'ContainerSecurity.Shell'), '--configuration', $Configuration, '--output', $packageOut, '--nologo'
            Get-ChildItem -LiteralPath $packageOut -Filter '*.nupkg'
        }
        finally {
            Unregister-PSResourceRepository -Name $repositoryName
        }
    }
}
