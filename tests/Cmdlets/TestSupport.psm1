<#
    What every Pester test of the cmdlets shares: the built module (out/ContainerSecurity, imported into the session
    the tests run in) and the test infrastructure (tests/ContainerSecurity.TestSupport, laid out in out/test-tools by
    the build): private dockerd processes, the Kubernetes test API server, headless Chromium, host trees.
    Each test file starts with:  BeforeAll { Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1') }
    (one '..' per folder below tests/Cmdlets).
#>
Set-StrictMode -Version Latest

$script:RepositoryRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..' '..')).Path
$script:ModuleManifest = Join-Path $script:RepositoryRoot 'out' 'ContainerSecurity' 'ContainerSecurity.psd1'
$script:TestSupportAssembly = Join-Path $script:RepositoryRoot 'out' 'test-tools' 'TestSupport' 'ContainerSecurity.TestSupport.dll'

foreach ($required in $script:ModuleManifest, $script:TestSupportAssembly) {
    if (-not (Test-Path -LiteralPath $required)) {
        throw "${required} is missing: build first (dotnet build ContainerSecurity.sln, or ./build.ps1)."
    }
}

# The module goes into the global scope, as a user's Import-Module would put it, so tests drive it as users do.
if (-not (Get-Module ContainerSecurity)) {
    Import-Module $script:ModuleManifest -Global -ErrorAction Stop
}
Add-Type -LiteralPath $script:TestSupportAssembly

function Get-RepositoryPath {
    <# A path inside the repository: Get-RepositoryPath examples kubernetes #>
    param([Parameter(ValueFromRemainingArguments)] [string[]] $ChildPath)
    if (-not $ChildPath) { return $script:RepositoryRoot }
    Join-Path $script:RepositoryRoot ($ChildPath -join [System.IO.Path]::DirectorySeparatorChar)
}

function Test-CI {
    <# In CI a component that cannot start fails the test; elsewhere the test is skipped with the reason. #>
    [ContainerSecurity.Tests.Shared.TestDockerDaemon]::IsCi
}

function Start-TestDockerDaemon {
    <#
        A private dockerd with its own data root, socket and network namespace; $null outside CI when dockerd cannot
        start here (CI=true throws instead). Dispose it in AfterAll. Its .Endpoint is the -DockerHost value.
    #>
    param(
        [string] $DaemonJson = '{}',
        [string[]] $Flag = @()
    )
    [ContainerSecurity.Tests.Shared.TestDockerDaemon]::StartOrSkip($DaemonJson, $Flag)
}

function Start-TestApiServer {
    <# The Kubernetes test API server on 127.0.0.1 (list endpoints, paging, 401/403/410, slow answers). Dispose it. #>
    [ContainerSecurity.Tests.Shared.KubernetesTestApiServer]::new()
}

function Skip-WithoutComponent {
    <#
        Inside an It block: marks the test Skipped (with the reason) when a component is missing outside CI, and fails
        it in CI. Returns $true when the test must stop:  if (Skip-WithoutComponent dockerd $daemon) { return }
    #>
    param(
        [Parameter(Mandatory)] [string] $Name,
        [AllowNull()] $Component
    )
    if ($null -ne $Component) { return $false }
    if (Test-CI) { throw "CI=true but $Name is not available on this machine." }
    Set-ItResult -Skipped -Because "$Name is not available on this machine"
    $true
}

function Get-PwshPath {
    <# The pwsh running the tests, for child processes; $PSHOME holds it also when pwsh runs as the .NET tool. #>
    Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
}

function New-TestFolder {
    <# A fresh temporary folder for one test's files; removed by Remove-Item in AfterEach/AfterAll. #>
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ("cs-pester-" + [System.IO.Path]::GetRandomFileName())
    (New-Item -ItemType Directory -Path $path).FullName
}

Export-ModuleMember -Function Get-RepositoryPath, Test-CI, Start-TestDockerDaemon, Start-TestApiServer, Skip-WithoutComponent, New-TestFolder, Get-PwshPath

# Child pwsh processes the tests start print plain text: their errors go into failure messages, and the NUnit XML
# writer rejects the escape characters of coloured output.
$env:NO_COLOR = '1'

function Get-OrdinalSorted {
    <# Strings in ordinal order (as .NET's StringComparer.Ordinal sorts them, whatever the culture), optionally unique. #>
    param([Parameter(ValueFromPipeline)] [string] $InputObject, [switch] $Unique)
    begin { $items = [System.Collections.Generic.List[string]]::new() }
    process { $items.Add($InputObject) }
    end {
        $sorted = [string[]]$items.ToArray()
        [Array]::Sort($sorted, [StringComparer]::Ordinal)
        for ($i = 0; $i -lt $sorted.Length; $i++) {
            if (-not $Unique -or $i -eq 0 -or -not [string]::Equals($sorted[$i], $sorted[$i - 1], [StringComparison]::Ordinal)) { $sorted[$i] }
        }
    }
}

function Invoke-Captured {
    <#
        Runs a script block as a user's script runs, errors not stopping it, and returns what it wrote: .Output (the
        objects) and .Errors (every error record, non-terminating ones and the terminating error that ended it, if any).
            $run = Invoke-Captured { Get-PodThreat -LiteralPath $file -RuleId KP002 }
            $run.Errors.FullyQualifiedErrorId | Should -Be 'InvalidManifestSyntax,...'
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $output = [System.Collections.Generic.List[object]]::new()
    $errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
    # The script block runs in the test's session state, where the runner's 'Stop' may be in force: give it pwsh's
    # default for the call, so a non-terminating error is written and the script goes on, as in a user's session.
    $callerVariables = $PSCmdlet.SessionState.PSVariable
    $preference = $callerVariables.GetValue('ErrorActionPreference')
    $callerVariables.Set('ErrorActionPreference', [System.Management.Automation.ActionPreference]::Continue)
    try {
        & $ScriptBlock 2>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } else { $output.Add($_) }
        }
    }
    catch {
        # Inside a try block a statement-terminating error (ThrowTerminatingError) ends the script block.
        $errors.Add($_)
    }
    finally {
        $callerVariables.Set('ErrorActionPreference', $preference)
    }
    [pscustomobject]@{ Output = $output.ToArray(); Errors = $errors.ToArray() }
}

function ConvertTo-CliXmlCopy {
    <# What a remoting session or Start-Job hands back: the object serialized to CliXml and read back (Deserialized.*). #>
    param([AllowNull()] $InputObject, [int] $Depth = 1)
    [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($InputObject, $Depth))
}

function Format-AsUserSees {
    <# The text pwsh prints for the objects (the module's format views), wide enough that no column is cut. #>
    param([Parameter(ValueFromPipeline)] $InputObject)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end { $items | Out-String -Width 400 }
}

function Assert-QuietAnswer {
    <# What -Quiet must write: exactly one [bool], the expected one.  Test-KubeConfig -Path $f -Quiet | Assert-QuietAnswer $false #>
    param([Parameter(Mandatory, Position = 0)] [bool] $Expected, [Parameter(ValueFromPipeline)] $InputObject)
    begin { $answers = [System.Collections.Generic.List[object]]::new() }
    process { $answers.Add($InputObject) }
    end {
        $answers.Count | Should -Be 1 -Because '-Quiet answers once'
        $answers[0] | Should -BeOfType ([bool])
        $answers[0] | Should -Be $Expected
    }
}

Export-ModuleMember -Function Invoke-Captured, ConvertTo-CliXmlCopy, Format-AsUserSees, Assert-QuietAnswer, Get-OrdinalSorted
