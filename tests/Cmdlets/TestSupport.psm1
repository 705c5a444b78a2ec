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
