<#
.SYNOPSIS
    Runs the Pester tests of the cmdlets (tests/Cmdlets/**/*.Tests.ps1) in this pwsh with the Pester the build restored.

.DESCRIPTION
    build.ps1 -Task Test runs this in a child pwsh, so the module's assemblies load in a fresh process as they would in
    a user's session. Writes NUnit 3 XML and sets the exit code (or returns Pester's result object with -PassThru). Run one file while working on it:
        dotnet pwsh ./tests/Invoke-CmdletTests.ps1 -Path ./tests/Cmdlets/Reports/AssertGate.Tests.ps1 -Output Detailed

.PARAMETER Path
    Test files or folders. Default: tests/Cmdlets.

.PARAMETER ResultPath
    Where the NUnit 3 XML goes. Default: out/test-results/pester.xml.

.PARAMETER FullName
    Only tests whose full name matches one of these wildcards.

.PARAMETER Output
    Pester's console verbosity: None, Normal, Detailed, Diagnostic.

.PARAMETER PassThru
    Return Pester's result object instead of setting the exit code (1 when a test failed).
#>
[CmdletBinding()]
param(
    [string[]] $Path = (Join-Path $PSScriptRoot 'Cmdlets'),
    [string] $ResultPath = (Join-Path $PSScriptRoot '..' 'out' 'test-results' 'pester.xml'),
    [string[]] $FullName,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Normal',

    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
$pester = Join-Path $PSScriptRoot '..' 'out' 'test-tools' 'Pester' 'Pester.psd1'
if (-not (Test-Path -LiteralPath $pester)) {
    throw "Pester is not restored at ${pester}: build first (dotnet build ContainerSecurity.sln, or ./build.ps1)."
}
Import-Module $pester -RequiredVersion 5.9.1

# pwsh -File passes "a,b" as one string (build.ps1 -TestPath a, b does that): split it back into paths.
$Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = $Output
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnit3'
$configuration.TestResult.OutputPath = $ResultPath
if ($FullName) {
    $configuration.Filter.FullName = $FullName
}
New-Item -ItemType Directory -Path (Split-Path $ResultPath) -Force | Out-Null
$result = Invoke-Pester -Configuration $configuration
if ($PassThru) {
    $result
}
elseif ($result.Result -ne 'Passed') {
    exit 1
}
