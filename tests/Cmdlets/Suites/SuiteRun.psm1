<#
    Runs Invoke-ContainerSecurityTest (or plain Invoke-Pester) in a child pwsh: a Pester run cannot start another one
    inside itself. The child finds Pester 5.9.1 where the build restored it (out/test-tools) and writes what each test
    of its run reported to tests.json in the output folder.
#>
Set-StrictMode -Version Latest

$script:RepositoryRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..' '..' '..')).Path
$script:ModuleManifest = Join-Path $script:RepositoryRoot 'out' 'ContainerSecurity' 'ContainerSecurity.psd1'
$script:TestTools = Join-Path $script:RepositoryRoot 'out' 'test-tools'

function Invoke-ChildScript {
    <# Runs a script in a new pwsh; returns its exit code and everything it printed. #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [switch] $WithoutPester
    )
    $modulePath = if ($WithoutPester) { Join-Path $script:RepositoryRoot 'out' } else { $script:TestTools + [IO.Path]::PathSeparator + $env:PSModulePath }
    $file = Join-Path ([IO.Path]::GetTempPath()) ("cs-suite-run-" + [IO.Path]::GetRandomFileName() + '.ps1')
    Set-Content -LiteralPath $file -Value $Script
    $saved = $env:PSModulePath
    $savedColour = $env:NO_COLOR
    try {
        $env:PSModulePath = $modulePath
        $env:NO_COLOR = '1'   # plain text: escape sequences would not fit in the XML results
        $printed = & (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')) -NoProfile -NonInteractive -File $file 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($printed | Out-String) }
    }
    finally {
        $env:PSModulePath = $saved
        $env:NO_COLOR = $savedColour
        Remove-Item -LiteralPath $file -ErrorAction Ignore
    }
}

function Invoke-ContainerSecurityTestInChild {
    <#
        Invoke-ContainerSecurityTest with these parameters (a hashtable of strings, string arrays and switches) in a
        new pwsh; -OutputDirectory is the given folder. Returns ExitCode, Output and Tests (Name, Result, Tags, Message).
    #>
    param(
        [Parameter(Mandatory)] [hashtable] $Parameters,
        [Parameter(Mandatory)] [string] $OutputDirectory
    )
    $json = $Parameters | ConvertTo-Json -Compress -Depth 3
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:ModuleManifest'
`$parameters = '$($json.Replace("'", "''"))' | ConvertFrom-Json -AsHashtable
foreach (`$key in @(`$parameters.Keys)) { if (`$parameters[`$key] -is [bool]) { `$parameters[`$key] = [switch]`$parameters[`$key] } }
`$result = Invoke-ContainerSecurityTest @parameters -OutputDirectory '$OutputDirectory' -Output None
@(`$result.Tests | ForEach-Object {
    [pscustomobject]@{
        Name    = `$_.ExpandedName
        Result  = `$_.Result
        Tags    = @(`$_.Tag)
        Message = (@(`$_.ErrorRecord | ForEach-Object { `$_.Exception.Message }) -join [Environment]::NewLine)
    }
}) | ConvertTo-Json -Depth 3 | Set-Content -LiteralPath '$OutputDirectory/tests.json'
"@
    $run = Invoke-ChildScript -Script $script
    $testsFile = Join-Path $OutputDirectory 'tests.json'
    $tests = if (Test-Path -LiteralPath $testsFile) { @(Get-Content -Raw -LiteralPath $testsFile | ConvertFrom-Json) } else { @() }
    $run | Add-Member -NotePropertyName Tests -NotePropertyValue $tests -PassThru
}

function Get-NUnitTestCase {
    <# The test cases of a Pester NUnit 3 result file: Name, Result (Passed, Failed, Skipped …) and Tags. #>
    param([Parameter(Mandatory)] [string] $Path)
    $xml = [xml](Get-Content -Raw -LiteralPath $Path)
    foreach ($case in $xml.SelectNodes('//test-case')) {
        [pscustomobject]@{
            # Pester writes the test's name to methodname; name adds the block path and the test's data.
            Name   = $case.GetAttribute('methodname')
            Result = $case.GetAttribute('result')
            Tags   = @($case.SelectNodes('properties/property[@name="Category"]') | ForEach-Object { $_.GetAttribute('value') })
        }
    }
}

Export-ModuleMember -Function Invoke-ChildScript, Invoke-ContainerSecurityTestInChild, Get-NUnitTestCase
