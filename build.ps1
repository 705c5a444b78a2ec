#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the ContainerSecurity module, and runs the main job on the bundled examples.

.DESCRIPTION
    The one entry point, for developers and CI alike; it runs in the pwsh the repository pins as a local .NET tool:
        dotnet tool restore
        dotnet pwsh ./build.ps1 -Task Test
    Build lays out the importable module in out/ContainerSecurity (and the test tools in out/test-tools). Test runs the
    engine's xunit tests and the cmdlets' Pester tests, writes their results to out/test-results, and ends with one
    summary line. Package writes the module's .nupkg for any PowerShell repository. Examples runs examples/audit.ps1.
    Test, Package and Examples build first unless -NoBuild is given.

.PARAMETER Task
    What to do, in order: Clean, Build, Test, Package, Examples. Default: Build.

.PARAMETER Configuration
    Debug or Release. Default: Release.

.PARAMETER TestPath
    For Test: the Pester test files or folders to run. Default: all of tests/Cmdlets (and every xunit test).

.PARAMETER NoBuild
    Test, Package and Examples use what the last build laid out.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Examples
    Builds the module and audits the bundled examples; the cheat sheet and SARIF log land in out/examples.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Clean, Test, Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Test', 'Package', 'Examples')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [string[]] $TestPath,

    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$solution = Join-Path $PSScriptRoot 'ContainerSecurity.sln'
$moduleOut = Join-Path $PSScriptRoot 'out' 'ContainerSecurity'
$packageOut = Join-Path $PSScriptRoot 'out' 'packages'
$testResults = Join-Path $PSScriptRoot 'out' 'test-results'

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

function Invoke-ChildPwsh {
    # A fresh pwsh for tests and examples: the module's assemblies load as in a user's new session, not into this one.
    # $PSHOME holds the pwsh apphost whether pwsh runs on its own or as the .NET tool (whose process is dotnet).
    param([Parameter(Mandatory)] [string[]] $ArgumentList)
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    & $pwsh -NoProfile -NonInteractive @ArgumentList | Out-Host
    $LASTEXITCODE
}

function Get-XunitCounts {
    # VSTest's TRX files: one per test assembly, with the counters of that run.
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($trx in Get-ChildItem -LiteralPath $testResults -Filter '*.trx' -ErrorAction Ignore) {
        $counters = ([xml](Get-Content -Raw -LiteralPath $trx.FullName)).TestRun.ResultSummary.Counters
        $counts.Passed += [int]$counters.passed
        $counts.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $counts.Skipped += [int]$counters.notExecuted
    }
    [pscustomobject]$counts
}

function Get-PesterCounts {
    param([string] $ResultFile)
    $run = if (Test-Path -LiteralPath $ResultFile) { ([xml](Get-Content -Raw -LiteralPath $ResultFile))['test-run'] }
    if (-not $run) {
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    [pscustomobject]@{
        Passed  = [int]$run.passed
        Failed  = [int]$run.failed
        Skipped = [int]$run.skipped + [int]$run.inconclusive
    }
}

function Invoke-Tests {
    Remove-Item -LiteralPath $testResults -Recurse -Force -ErrorAction Ignore
    New-Item -ItemType Directory -Path $testResults -Force | Out-Null

    # Engine tests (xunit). A failure is counted below, not thrown, so the Pester tests still run.
    & dotnet test $solution --configuration $Configuration --no-build --nologo --logger trx --results-directory $testResults
    $xunitExit = $LASTEXITCODE

    # Cmdlet tests (Pester) in a child pwsh.
    $pesterResult = Join-Path $testResults 'pester.xml'
    $pesterArguments = @('-File', (Join-Path $PSScriptRoot 'tests' 'Invoke-CmdletTests.ps1'), '-ResultPath', $pesterResult)
    if ($TestPath) {
        $pesterArguments += @('-Path', ($TestPath -join ','))
    }
    $pesterExit = Invoke-ChildPwsh -ArgumentList ($pesterArguments + @('-Output', 'Normal'))

    $xunit = Get-XunitCounts
    $pester = Get-PesterCounts -ResultFile $pesterResult
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }   # the run broke before reporting failures
    if ($pesterExit -ne 0 -and $pester.Failed -eq 0) { $pester.Failed = 1 }
    $total = [pscustomobject]@{
        Passed  = $xunit.Passed + $pester.Passed
        Failed  = $xunit.Failed + $pester.Failed
        Skipped = $xunit.Skipped + $pester.Skipped
    }
    foreach ($line in @(
            "xunit:  $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
            "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
            "$($total.Passed) passed, $($total.Failed) failed, $($total.Skipped) skipped")) {
        Write-Host $line
    }
    if ($total.Failed -gt 0) {
        throw "$($total.Failed) test(s) failed; results are in $testResults."
    }
}

$steps = [System.Collections.Generic.List[string]]::new([string[]]$Task)
if (-not $NoBuild -and -not $steps.Contains('Build') -and ($steps | Where-Object { $_ -in 'Test', 'Package', 'Examples' })) {
    $steps.Insert([Math]::Max(0, $steps.IndexOf('Clean') + 1), 'Build')
}

switch ($steps) {
    'Clean' {
        Invoke-DotNet -ArgumentList 'clean', $solution, '--configuration', $Configuration, '--nologo'
        Remove-Item -LiteralPath (Join-Path $PSScriptRoot 'out') -Recurse -Force -ErrorAction Ignore
    }
    'Build' {
        Invoke-DotNet -ArgumentList 'build', $solution, '--configuration', $Configuration, '--nologo'
        Test-ModuleManifest -Path (Join-Path $moduleOut 'ContainerSecurity.psd1') | Out-Null
    }
    'Test' {
        Invoke-Tests
    }
    'Package' {
        # A throwaway local repository turns the laid-out module into the .nupkg PowerShell repositories expect.
        $repositoryName = "ContainerSecurityBuild-$PID"
        # PSResourceGet keeps its repository list and NuGet settings under the user's data and configuration folders;
        # .NET names no folder that does not exist yet (a fresh machine), and they would land in the current directory.
        foreach ($folder in 'LocalApplicationData', 'ApplicationData') {
            $null = [Environment]::GetFolderPath($folder, [Environment+SpecialFolderOption]::Create)
        }
        New-Item -ItemType Directory -Path $packageOut -Force | Out-Null
        Register-PSResourceRepository -Name $repositoryName -Uri $packageOut -Trusted
        try {
            # A package of the same version left by an earlier run would make Publish-PSResource refuse.
            Remove-Item -Path (Join-Path $packageOut 'ContainerSecurity.*.nupkg') -ErrorAction Ignore
            Publish-PSResource -Path $moduleOut -Repository $repositoryName
            Get-ChildItem -LiteralPath $packageOut -Filter 'ContainerSecurity.*.nupkg'
        }
        finally {
            Unregister-PSResourceRepository -Name $repositoryName
        }
    }
    'Examples' {
        $exit = Invoke-ChildPwsh -ArgumentList '-Command', "Import-Module '$moduleOut/ContainerSecurity.psd1'; & '$PSScriptRoot/examples/audit.ps1'"
        if ($exit -ne 0) {
            throw "examples/audit.ps1 failed with exit code $exit."
        }
    }
}
