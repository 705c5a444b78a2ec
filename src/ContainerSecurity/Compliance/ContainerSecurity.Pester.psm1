<#
    The module's Pester integration, a nested script module of ContainerSecurity (the manifest lists it in
    NestedModules and exports its two functions):
      Invoke-ContainerSecurityTest   runs the compliance suites shipped in Tests/ against the targets it is given
      Install-ContainerSecurityTest  copies those suites, with their configuration file, for a team to edit
      Should -HaveNoFinding, Should -MeetPodSecurityLevel   registered through Pester's Add-ShouldOperator

    Why script and not C#: Invoke-Pester, New-PesterConfiguration and Add-ShouldOperator are functions of a script
    module, a Should operator is a script block, and Pester's -CI ends the process with `exit` from the calling scope;
    called from a script function all of this behaves exactly as when a user calls Pester, where a binary cmdlet would
    have to run Pester in a nested pipeline and translate its `exit`.

    Pester is not a dependency of the module: nothing here loads it until Invoke-ContainerSecurityTest runs. The Should
    operators are registered when this module is imported into a session that has Pester 5 or later loaded, and
    otherwise at the first lookup of a Pester command (Invoke-Pester, Describe, Should …) after Pester loads.
#>
Set-StrictMode -Version Latest

# What runs at import uses only the engine's core cmdlets and .NET, so the module also imports where only
# Microsoft.PowerShell.Core is present (a hosted System.Management.Automation); the messages load on first use.
$script:SuiteFolder = [System.IO.Path]::Combine($PSScriptRoot, 'Tests')
. ([System.IO.Path]::Combine($script:SuiteFolder, 'ContainerSecurity.Compliance.ps1'))
$script:LoadedMessages = $null

function Get-ComplianceMessage {
    param([Parameter(Mandatory)] [string] $Name)
    if ($null -eq $script:LoadedMessages) {
        Import-LocalizedData -BindingVariable loaded -FileName 'ContainerSecurity.Pester.Strings.psd1' -BaseDirectory $PSScriptRoot
        $script:LoadedMessages = $loaded
    }
    $script:LoadedMessages[$Name]
}

# Which settings give each shipped suite something to test.
$script:SuiteTargets = [ordered]@{
    'Docker.Daemon.Tests.ps1'           = 'DaemonConfigPath', 'Root', 'DockerHost'
    'Docker.Containers.Tests.ps1'       = 'ContainerInspectPath', 'DockerHost'
    'Docker.Dockerfiles.Tests.ps1'      = @('DockerfilePath')
    'Kubernetes.Workloads.Tests.ps1'    = 'ManifestPath', 'Context'
    'Kubernetes.Rbac.Tests.ps1'         = 'ManifestPath', 'Context'
    'Kubernetes.KubeConfig.Tests.ps1'   = 'KubeConfig', 'Context'
    'Kubernetes.ControlPlane.Tests.ps1' = 'ManifestPath', 'Context'
}

#region Should operators

$script:HaveNoFindingOperator = {
    # Should -HaveNoFinding [-MinimumSeverity <Severity>] [-RuleId <wildcard[]>]: no open finding (failed or warned and
    # not waived, or a check that could not run) among the input at or above the severity, for the selected rules.
    param($ActualValue, $MinimumSeverity, [string[]] $RuleId, [switch] $Negate, [string] $Because)
    Test-ComplianceNoFinding -ActualValue $ActualValue -MinimumSeverity $MinimumSeverity -RuleId $RuleId -Negate:$Negate -Because $Because
}

$script:MeetPodSecurityLevelOperator = {
    # Should -MeetPodSecurityLevel <Baseline|Restricted|Privileged>: every workload meets the Pod Security Standards level.
    # Input: Get-PodThreat -PodSecurityLevel results, or manifest paths (files, folders, FileInfo) to assess.
    param($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because)
    Test-CompliancePodSecurityLevel -ActualValue $ActualValue -ExpectedValue $ExpectedValue -Negate:$Negate -Because $Because
}

function Get-BecauseText {
    param([string] $Because)
    if ([string]::IsNullOrWhiteSpace($Because)) { '' } else { ", because $($Because.Trim().TrimEnd('.'))" }
}

function Test-ComplianceNoFinding {
    param($ActualValue, $MinimumSeverity, [string[]] $RuleId, [switch] $Negate, [string] $Because)

    $minimum = [ContainerSecurity.Severity]::Info
    if ($null -ne $MinimumSeverity -and -not [ContainerSecurity.Severity]::TryParse([string]$MinimumSeverity, $true, [ref]$minimum)) {
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-ComplianceMessage InvalidSeverity) -f $MinimumSeverity }
    }
    $open = [System.Collections.Generic.List[object]]::new()
    foreach ($item in @($ActualValue)) {
        if ($null -eq $item) { continue }
        $properties = $item.PSObject.Properties
        if (-not ($properties['RuleId'] -and $properties['Status'] -and $properties['Severity'] -and $properties['Target'])) {
            return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-ComplianceMessage NotAFinding) -f $item.GetType().FullName, $item }
        }
        if ($RuleId -and -not @($RuleId | Where-Object { $item.RuleId -like $_ }).Count) { continue }
        $status = "$($item.Status)"
        $waived = $properties['IsWaived'] -and $item.IsWaived
        $isOpen = ($status -in 'Fail', 'Warn' -and -not $waived -and [ContainerSecurity.Severity]"$($item.Severity)" -ge $minimum) -or $status -eq 'Error'
        if ($isOpen) { $open.Add($item) }
    }

    $scope = (Get-ComplianceMessage FindingScope) -f $minimum, $(if ($RuleId) { $RuleId -join ', ' } else { '*' })
    $because = Get-BecauseText $Because
    if ($Negate) {
        if ($open.Count) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-ComplianceMessage ExpectedFinding) -f $scope, $because }
    }
    if (-not $open.Count) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }
    $sorted = $open | Sort-Object { [int][ContainerSecurity.Severity]"$($_.Severity)" } -Descending
    $lines = @($sorted | ForEach-Object { '  ' + (Format-ComplianceFinding $_) })
    [pscustomobject]@{
        Succeeded      = $false
        FailureMessage = ((Get-ComplianceMessage ExpectedNoFinding) -f $scope, $because, $open.Count) + [Environment]::NewLine + ($lines -join [Environment]::NewLine)
    }
}

function Test-CompliancePodSecurityLevel {
    param($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because)

    $expected = [ContainerSecurity.PodSecurityLevel]::Restricted
    if (-not [ContainerSecurity.PodSecurityLevel]::TryParse([string]$ExpectedValue, $true, [ref]$expected)) {
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-ComplianceMessage InvalidLevel) -f $ExpectedValue }
    }
    $assessments = [System.Collections.Generic.List[object]]::new()
    foreach ($item in @($ActualValue)) {
        if ($null -eq $item) { continue }
        if ($item.PSObject.Properties['Level'] -and $item.PSObject.Properties['BaselineViolations']) {
            $assessments.Add($item)
        }
        elseif ($item -is [string] -or $item -is [System.IO.FileSystemInfo]) {
            $path = if ($item -is [string]) { $item } else { $item.FullName }
            try {
                foreach ($assessment in Get-PodThreat -Path $path -PodSecurityLevel -ErrorAction Stop) { $assessments.Add($assessment) }
            }
            catch {
                return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-ComplianceMessage CannotAssess) -f $path, $_.Exception.Message }
            }
        }
        else {
            return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-ComplianceMessage NotAnAssessment) -f $item.GetType().FullName, $item }
        }
    }
    $because = Get-BecauseText $Because
    if (-not $assessments.Count) {
        # Nothing assessed proves nothing: an empty folder or a failed read must not pass (or pass negated).
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-ComplianceMessage NoWorkload) -f $expected, $because }
    }

    $below = @($assessments | Where-Object { [ContainerSecurity.PodSecurityLevel]"$($_.Level)" -lt $expected })
    if ($Negate) {
        if ($below.Count) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }
        return [pscustomobject]@{ Succeeded = $false; FailureMessage = (Get-ComplianceMessage ExpectedBelowLevel) -f $expected, $because, $assessments.Count }
    }
    if (-not $below.Count) { return [pscustomobject]@{ Succeeded = $true; FailureMessage = $null } }
    $lines = foreach ($assessment in $below) {
        $violations = @($assessment.BaselineViolations)
        if ($expected -eq [ContainerSecurity.PodSecurityLevel]::Restricted) { $violations += @($assessment.RestrictedViolations) }
        "  {0,-10} {1}: {2}" -f "$($assessment.Level)", $assessment.Target, ($violations -join '; ')
    }
    [pscustomobject]@{
        Succeeded      = $false
        FailureMessage = ((Get-ComplianceMessage ExpectedLevel) -f $expected, $because, $below.Count, $assessments.Count) + [Environment]::NewLine + ($lines -join [Environment]::NewLine)
    }
}

function Register-ComplianceShouldOperator {
    <# Adds the operators to the loaded Pester (5 or later); $false when there is none. Adding them twice is a no-op. #>
    $pester = @(Get-Module Pester | Where-Object { $_.Version.Major -ge 5 })
    if (-not $pester) { return $false }
    $add = @(Get-Command Add-ShouldOperator -Module Pester -ErrorAction SilentlyContinue)
    if (-not $add) { return $false }
    $add = $add[0]
    try {
        & $add -Name HaveNoFinding -Test $script:HaveNoFindingOperator -SupportsArrayInput
        & $add -Name MeetPodSecurityLevel -Test $script:MeetPodSecurityLevelOperator -SupportsArrayInput
    }
    catch {
        # Another module (or another version of this one) holds the name; Pester keeps the first.
        Write-Warning ((Get-ComplianceMessage OperatorNotRegistered) -f $_.Exception.Message)
    }
    $true
}

# Load order: if Pester is already loaded, register now. Otherwise wait for the first lookup of a Pester command (the
# moment Invoke-Pester autoloads Pester, or a test file calls Describe), register, and step aside; any lookup action
# set before this module was imported keeps running.
$script:PreviousLookupAction = $ExecutionContext.InvokeCommand.PostCommandLookupAction
$script:LookupHookInstalled = $false
$script:LookupHook = {
    param([string] $CommandName, [System.Management.Automation.CommandLookupEventArgs] $LookupEventArgs)
    if ($script:LookupHookInstalled -and $LookupEventArgs.Command -and $LookupEventArgs.Command.ModuleName -eq 'Pester') {
        # Step aside first: registering looks up Pester's own commands, which would call this hook again.
        $script:LookupHookInstalled = $false
        $ExecutionContext.InvokeCommand.PostCommandLookupAction = $script:PreviousLookupAction
        if (-not (Register-ComplianceShouldOperator)) {
            $script:LookupHookInstalled = $true
            $ExecutionContext.InvokeCommand.PostCommandLookupAction = $script:LookupHook
        }
    }
    if ($script:PreviousLookupAction) { & $script:PreviousLookupAction $CommandName $LookupEventArgs }
}
if (-not (Register-ComplianceShouldOperator)) {
    $ExecutionContext.InvokeCommand.PostCommandLookupAction = $script:LookupHook
    $script:LookupHookInstalled = $true
}

$ExecutionContext.SessionState.Module.OnRemove = {
    if ($script:LookupHookInstalled) {
        $ExecutionContext.InvokeCommand.PostCommandLookupAction = $script:PreviousLookupAction
    }
}

#endregion

function Import-CompliancePester {
    # Pester 5 or later, loaded globally (the user's session keeps it, as when Invoke-Pester autoloads it). On failure,
    # the error record for the calling command to throw, so the error names that command.
    $loaded = @(Get-Module Pester)
    $pester = @($loaded | Where-Object { $_.Version.Major -ge 5 })
    if (-not $pester -and $loaded.Count) {
        return [System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new(((Get-ComplianceMessage OldPesterLoaded) -f $loaded[0].Version)), 'PesterVersionTooOld',
            [System.Management.Automation.ErrorCategory]::InvalidOperation, $loaded[0])
    }
    if (-not $pester) {
        $pester = @(Import-Module Pester -MinimumVersion 5.0 -Global -PassThru -ErrorAction SilentlyContinue)
    }
    if (-not $pester) {
        return [System.Management.Automation.ErrorRecord]::new(
            [System.IO.FileNotFoundException]::new((Get-ComplianceMessage PesterNotFound)), 'PesterNotFound',
            [System.Management.Automation.ErrorCategory]::ObjectNotFound, 'Pester')
    }
    $null = Register-ComplianceShouldOperator
    $pester[0]
}

# .ExternalHelp ContainerSecurity.dll-Help.xml
function Invoke-ContainerSecurityTest {
    [CmdletBinding()]
    [OutputType('Pester.Run')]
    param(
        [Parameter(Position = 0)]
        [string[]] $ManifestPath,

        [string[]] $DockerfilePath,

        [string] $DaemonConfigPath,

        [string[]] $DaemonArgument,

        [string] $Root,

        [string] $DockerHost,

        [string[]] $ContainerInspectPath,

        [ArgumentCompleter([ContainerSecurity.Completion.KubeContextCompleter])]
        [string] $Context,

        [string] $KubeConfig,

        [string[]] $Tag,

        [string[]] $ExcludeTag,

        [ContainerSecurity.Severity] $MinimumSeverity = [ContainerSecurity.Severity]::Info,

        [string] $OutputDirectory = 'container-security-results',

        [string] $Title = 'Container security compliance',

        [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
        [string] $Output = 'Normal',

        [switch] $CI
    )

    $pester = Import-CompliancePester
    if ($pester -is [System.Management.Automation.ErrorRecord]) {
        $PSCmdlet.ThrowTerminatingError($pester)
    }

    $configuration = @{ MinimumSeverity = "$MinimumSeverity" }
    foreach ($name in 'ManifestPath', 'DockerfilePath', 'DaemonConfigPath', 'Root', 'ContainerInspectPath', 'KubeConfig') {
        if ($PSBoundParameters.ContainsKey($name)) {
            # The suites run with Pester's current folder; paths are resolved here, against the caller's.
            $configuration[$name] = @($PSBoundParameters[$name] | ForEach-Object { $PSCmdlet.GetUnresolvedProviderPathFromPSPath($_) })
        }
    }
    foreach ($name in 'DaemonArgument', 'DockerHost', 'Context') {
        if ($PSBoundParameters.ContainsKey($name)) { $configuration[$name] = $PSBoundParameters[$name] }
    }

    $suites = @($script:SuiteTargets.GetEnumerator() | Where-Object { @($_.Value | Where-Object { $configuration.ContainsKey($_) }).Count })
    if (-not $suites) {
        $record = [System.Management.Automation.ErrorRecord]::new(
            [System.ArgumentException]::new((Get-ComplianceMessage NoTarget)), 'NoTarget',
            [System.Management.Automation.ErrorCategory]::InvalidArgument, $null)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $containers = foreach ($suite in $suites) {
        New-PesterContainer -Path (Join-Path $script:SuiteFolder $suite.Key) -Data @{ Configuration = $configuration }
    }

    $outputFolder = [System.IO.Directory]::CreateDirectory($PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutputDirectory)).FullName
    $pesterConfiguration = New-PesterConfiguration
    $pesterConfiguration.Run.Container = @($containers)
    $pesterConfiguration.Run.PassThru = $true
    $pesterConfiguration.Output.Verbosity = $Output
    $pesterConfiguration.TestResult.Enabled = $true
    $pesterConfiguration.TestResult.OutputFormat = 'NUnit3'
    $pesterConfiguration.TestResult.OutputPath = Join-Path $outputFolder 'test-results.xml'
    $pesterConfiguration.TestResult.TestSuiteName = $Title
    if ($Tag) { $pesterConfiguration.Filter.Tag = $Tag }
    if ($ExcludeTag) { $pesterConfiguration.Filter.ExcludeTag = $ExcludeTag }

    $result = Invoke-Pester -Configuration $pesterConfiguration
    Export-JUnitReport -Result $result -Path (Join-Path $outputFolder 'test-results.junit.xml')

    # The cheat sheet holds the findings behind the tests that ran: the same results, not a second audit.
    $findings = @(foreach ($test in $result.Tests) {
            if ($test.Executed -and $test.Data -is [System.Collections.IDictionary] -and $test.Data['Finding'] -is [ContainerSecurity.Finding]) {
                $test.Data['Finding']
            }
        })
    $findings | Export-ThreatCheatSheet -Path (Join-Path $outputFolder 'cheat-sheet.html') -Title $Title -Force

    $result

    # As Pester's -CI: the exit code is the number of failed tests, blocks and containers.
    $failedCount = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    $global:LASTEXITCODE = $failedCount
    if ($CI -and $failedCount -ne 0) {
        exit $failedCount
    }
}

# .ExternalHelp ContainerSecurity.dll-Help.xml
function Install-ContainerSecurityTest {
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([System.IO.FileInfo])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [string] $Path,

        [switch] $Force,

        [switch] $PassThru
    )

    $destination = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    if ((Test-Path -LiteralPath $destination) -and -not (Test-Path -LiteralPath $destination -PathType Container)) {
        $record = [System.Management.Automation.ErrorRecord]::new(
            [System.IO.IOException]::new(((Get-ComplianceMessage NotAFolder) -f $destination)), 'DestinationNotAFolder',
            [System.Management.Automation.ErrorCategory]::InvalidArgument, $destination)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    foreach ($source in Get-ChildItem -LiteralPath $script:SuiteFolder -File) {
        $target = Join-Path $destination $source.Name
        $exists = Test-Path -LiteralPath $target
        if ($exists -and $source.Name -eq $script:ComplianceConfigurationFile) {
            # The configuration holds the team's targets: an update of the suites never replaces it.
            Write-Verbose ((Get-ComplianceMessage ConfigurationKept) -f $target)
            continue
        }
        if ($exists -and -not $Force) {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.IO.IOException]::new(((Get-ComplianceMessage FileExists) -f $target)), 'SuiteFileExists',
                [System.Management.Automation.ErrorCategory]::ResourceExists, $target)
            $PSCmdlet.WriteError($record)
            continue
        }
        if ($PSCmdlet.ShouldProcess($target, (Get-ComplianceMessage InstallAction))) {
            $null = [System.IO.Directory]::CreateDirectory($destination)
            $copy = Copy-Item -LiteralPath $source.FullName -Destination $target -Force -PassThru
            if ($PassThru) { $copy }
        }
    }
}

Export-ModuleMember -Function Invoke-ContainerSecurityTest, Install-ContainerSecurityTest
