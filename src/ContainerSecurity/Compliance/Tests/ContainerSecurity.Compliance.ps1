<#
    What the compliance suites (*.Tests.ps1 in this folder) share. Dot-sourced by each suite, at discovery and at run
    time, and by the module's Pester integration, so the tests, Invoke-ContainerSecurityTest and the Should operators
    describe a finding in the same words.

    A suite turns the findings of one audit into one It per rule per target:
        Pass                       -> passed
        Fail, Warn                 -> failed, with the evidence and the remediation in the message
        Fail, Warn with a waiver   -> skipped with the waiver's reason (an expired waiver waives nothing: failed)
        Error                      -> failed: the check could not run, which is never a pass
        Info, NotApplicable        -> skipped with the message
        a Manual rule              -> inconclusive, saying what to check by hand
    and a target it could not read (a missing file, a manifest that does not parse, a daemon that does not answer)
    into a failed It that names it, so a run never passes because an audit did not happen.
#>

$script:ComplianceConfigurationFile = 'containersecurity.tests.psd1'
$script:ComplianceSettingNames = @(
    'DaemonConfigPath', 'DaemonArgument', 'Root', 'DockerHost', 'ContainerInspectPath', 'DockerfilePath',
    'ManifestPath', 'Context', 'KubeConfig', 'MinimumSeverity'
)
$script:CompliancePathSettings = @('DaemonConfigPath', 'Root', 'ContainerInspectPath', 'DockerfilePath', 'ManifestPath', 'KubeConfig')

# Pod Security Standards controls that only the restricted level has; every other control a rule cites is baseline.
$script:RestrictedPodSecurityControls = @(
    'allowPrivilegeEscalation', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted', 'capabilities_restricted',
    'restrictedVolumes'
)

function Get-ComplianceConfiguration {
    <#
        The targets of a run: the -Configuration a runner passed (Invoke-ContainerSecurityTest, or
        New-PesterContainer -Data @{ Configuration = @{…} }), else containersecurity.tests.psd1 next to the suites.
        Relative paths in the file are relative to the file's folder; paths a runner passes must be absolute.
    #>
    param(
        [System.Collections.IDictionary] $Configuration,
        [Parameter(Mandatory)] [string] $SuiteRoot
    )

    $settings = @{}
    $baseDirectory = $SuiteRoot
    if ($null -eq $Configuration) {
        $file = Join-Path $SuiteRoot $script:ComplianceConfigurationFile
        if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
            throw "No targets to test: $file does not exist. Write it (see Install-ContainerSecurityTest) or run Invoke-ContainerSecurityTest."
        }
        $Configuration = Import-PowerShellDataFile -LiteralPath $file
    }

    foreach ($key in $Configuration.Keys) {
        if ($key -notin $script:ComplianceSettingNames) {
            throw "Unknown setting '$key' in the compliance test configuration; the settings are: $($script:ComplianceSettingNames -join ', ')."
        }
        $value = $Configuration[$key]
        if ($null -eq $value -or ($value -is [string] -and $value -eq '') -or ($value -is [array] -and $value.Count -eq 0)) {
            continue
        }
        if ($key -in $script:CompliancePathSettings) {
            $value = @($value | ForEach-Object { [System.IO.Path]::GetFullPath([string]$_, $baseDirectory) })
            if ($key -in 'DaemonConfigPath', 'Root', 'KubeConfig') { $value = $value[0] }
        }
        $settings[$key] = $value
    }
    $settings['MinimumSeverity'] = [ContainerSecurity.Severity]($settings['MinimumSeverity'] ?? 'Info')
    $settings
}

function Invoke-ComplianceAudit {
    <#
        Runs the audits of one suite on the configured targets and returns its test cases (findings, audit errors and
        the suite's manual rules) as one array, or $null when none of the suite's targets is configured.
    #>
    param(
        [Parameter(Mandatory)]
        [ValidateSet('DockerDaemon', 'DockerContainers', 'Dockerfiles', 'KubernetesWorkloads', 'KubernetesRbac', 'KubeConfig', 'ControlPlane')]
        [string] $Suite,
        [Parameter(Mandatory)] [hashtable] $Settings
    )

    $audits = [System.Collections.Generic.List[object]]::new()   # @{ Command; Parameters; Target }
    $manualRules = @()
    $live = if ($Settings['Context']) { @{ Context = $Settings['Context'] } } else { $null }
    if ($live -and $Settings['KubeConfig']) { $live.KubeConfig = $Settings['KubeConfig'] }

    switch ($Suite) {
        'DockerDaemon' {
            if ($Settings['DaemonConfigPath'] -or $Settings['Root'] -or $Settings['DockerHost']) {
                $parameters = @{ Section = '2', '3', '4.5' }
                if ($Settings['DaemonConfigPath']) { $parameters.Path = $Settings['DaemonConfigPath'] }
                if ($Settings['DaemonArgument']) { $parameters.DaemonArgument = $Settings['DaemonArgument'] }
                if ($Settings['Root']) { $parameters.Root = $Settings['Root'] }
                if ($Settings['DockerHost']) { $parameters.DockerHost = $Settings['DockerHost'] } else { $parameters.Offline = $true }
                $audits.Add(@{ Command = 'Test-DockerDaemonConfig'; Parameters = $parameters; Target = $Settings['DockerHost'] ?? $Settings['DaemonConfigPath'] ?? $Settings['Root'] })
                $manualRules = Get-ContainerSecurityRule -Mode Manual -Platform Docker -Asset Daemon, HostFiles
            }
        }
        'DockerContainers' {
            foreach ($path in $Settings['ContainerInspectPath']) {
                $audits.Add(@{ Command = 'Get-ContainerThreat'; Parameters = @{ Path = $path; IncludePassed = $true }; Target = $path })
            }
            if ($Settings['DockerHost']) {
                $audits.Add(@{ Command = 'Get-ContainerThreat'; Parameters = @{ DockerHost = $Settings['DockerHost']; IncludePassed = $true }; Target = $Settings['DockerHost'] })
            }
            if ($audits.Count) { $manualRules = Get-ContainerSecurityRule -Mode Manual -Platform Docker -Asset Container }
        }
        'Dockerfiles' {
            foreach ($path in $Settings['DockerfilePath']) {
                $audits.Add(@{ Command = 'Get-DockerfileThreat'; Parameters = @{ Path = $path; IncludePassed = $true }; Target = $path })
            }
            if ($audits.Count) { $manualRules = Get-ContainerSecurityRule -Mode Manual -Platform Docker -Asset Image }
        }
        'KubernetesWorkloads' {
            foreach ($path in $Settings['ManifestPath']) {
                $audits.Add(@{ Command = 'Get-PodThreat'; Parameters = @{ Path = $path; IncludePassed = $true }; Target = $path })
            }
            if ($live) {
                $audits.Add(@{ Command = 'Get-PodThreat'; Parameters = $live + @{ AllNamespaces = $true; IncludePassed = $true }; Target = "context $($Settings['Context'])" })
            }
        }
        'KubernetesRbac' {
            foreach ($path in $Settings['ManifestPath']) {
                $audits.Add(@{ Command = 'Get-RbacThreat'; Parameters = @{ Path = $path; IncludePassed = $true }; Target = $path })
            }
            if ($live) {
                $audits.Add(@{ Command = 'Get-RbacThreat'; Parameters = $live + @{ IncludePassed = $true }; Target = "context $($Settings['Context'])" })
            }
        }
        'KubeConfig' {
            if ($Settings['KubeConfig']) {
                $audits.Add(@{ Command = 'Test-KubeConfig'; Parameters = @{ Path = $Settings['KubeConfig']; IncludePassed = $true }; Target = $Settings['KubeConfig'] })
            }
            elseif ($live) {
                $audits.Add(@{ Command = 'Test-KubeConfig'; Parameters = @{ IncludePassed = $true }; Target = 'the current kubeconfig' })
            }
        }
        'ControlPlane' {
            foreach ($path in $Settings['ManifestPath']) {
                $audits.Add(@{ Command = 'Get-ClusterThreat'; Parameters = @{ Path = $path; IncludePassed = $true }; Target = $path })
            }
            if ($live) {
                $audits.Add(@{ Command = 'Get-ClusterThreat'; Parameters = $live + @{ IncludePassed = $true }; Target = "context $($Settings['Context'])" })
            }
            if ($audits.Count) { $manualRules = Get-ContainerSecurityRule -Mode Manual -Platform Kubernetes }
        }
    }

    if ($audits.Count -eq 0) { return $null }
    $cases = [System.Collections.Generic.List[hashtable]]::new()
    foreach ($audit in $audits) {
        $auditErrors = @()
        $findings = @()
        $parameters = $audit.Parameters
        try {
            $findings = @(& $audit.Command @parameters -ErrorAction SilentlyContinue -ErrorVariable auditErrors)
        }
        catch {
            $auditErrors += $_
        }
        foreach ($finding in $findings) {
            if ($finding.Severity -ge $Settings['MinimumSeverity'] -or $finding.Status -eq 'Error') {
                $cases.Add((New-FindingTestCase -Finding $finding))
            }
        }
        foreach ($errorRecord in $auditErrors) {
            $cases.Add((New-AuditErrorTestCase -Command $audit.Command -Target $audit.Target -ErrorRecord $errorRecord -Suite $Suite))
        }
    }
    foreach ($rule in $manualRules) {
        if ($rule.Severity -ge $Settings['MinimumSeverity']) {
            $cases.Add((New-ManualRuleTestCase -Rule $rule))
        }
    }
    # An array even when empty: a suite whose targets hold nothing for it has no test, unlike one without targets.
    , $cases.ToArray()
}

function Get-ComplianceRelativePath {
    # Paths under the current folder are shown relative to it, so test names stay short and do not change per machine.
    param([string] $Path)
    if ([string]::IsNullOrEmpty($Path) -or -not [System.IO.Path]::IsPathRooted($Path)) { return $Path }
    $relative = [System.IO.Path]::GetRelativePath((Get-Location -PSProvider FileSystem).ProviderPath, $Path)
    if ($relative.StartsWith('..') -or [System.IO.Path]::IsPathRooted($relative)) { $Path } else { $relative -replace '\\', '/' }
}

function Get-ComplianceTargetLabel {
    <#
        The target as a test name shows it: a Kubernetes object by namespace/Kind/name[container] (its identity; file
        lines move), anything else by file:line and the object within it.
    #>
    param([Parameter(Mandatory)] $Finding)
    $target = $Finding.Target
    $parts = [System.Collections.Generic.List[string]]::new()
    $isKubernetesObject = "$($Finding.Platform)" -eq 'Kubernetes' -and $target.Name
    if ($target.File -and -not $isKubernetesObject) {
        $parts.Add((Get-ComplianceRelativePath $target.File) + $(if ($target.Line) { ":$($target.Line)" }))
    }
    if ($target.Name -and $target.Name -ne $target.File) {
        $scope = if ($target.Namespace) { "$($target.Namespace)/" } else { '' }
        $kind = if ($target.Kind) { "$($target.Kind)/" } else { '' }
        $parts.Add("$scope$kind$(Get-ComplianceRelativePath $target.Name)")
    }
    elseif (-not $target.File -and $target.Host) {
        $parts.Add((Get-ComplianceRelativePath $target.Host))
    }
    $label = if ($parts.Count) { $parts -join ' ' } else { '(unknown target)' }
    if ($target.Container) { "$label[$($target.Container)]" } else { $label }
}

function Get-ComplianceTag {
    # The tags a run can select by: rule id, CIS ids (CIS-Docker-5.4, CIS-Kubernetes-5.2.2), STRIDE, severity,
    # platform, and the Pod Security Standards level a rule belongs to (PSS-Baseline, PSS-Restricted).
    param([Parameter(Mandatory)] [string] $RuleId, [Parameter(Mandatory)] $Severity, $Stride, $Platform, $References)
    $tags = [System.Collections.Generic.List[string]]::new()
    $tags.Add($RuleId)
    foreach ($reference in $References) {
        if ($reference.Source -like 'CIS Docker*') { $tags.Add("CIS-Docker-$($reference.Id)") }
        elseif ($reference.Source -like 'CIS Kubernetes*') { $tags.Add("CIS-Kubernetes-$($reference.Id)") }
        elseif ($reference.Source -eq 'Pod Security Standards') {
            $tags.Add($(if ($reference.Id -in $script:RestrictedPodSecurityControls) { 'PSS-Restricted' } else { 'PSS-Baseline' }))
        }
    }
    foreach ($category in $Stride) { $tags.Add("$category") }
    $tags.Add("$Severity")
    if ($Platform) { $tags.Add("$Platform") }
    @($tags | Select-Object -Unique)
}

function Get-PodSecurityStandardLevel {
    # Baseline or Restricted for a rule that implements a Pod Security Standards control; $null for the other rules.
    param($References)
    $controls = @($References | Where-Object Source -eq 'Pod Security Standards' | ForEach-Object Id)
    if (-not $controls) { return $null }
    if (@($controls | Where-Object { $_ -notin $script:RestrictedPodSecurityControls }).Count) { 'Baseline' } else { 'Restricted' }
}

function ConvertTo-ComplianceText {
    # Control characters (an escape sequence in a manifest's name, say) are shown as U+FFFD: XML results cannot hold them.
    param([AllowEmptyString()] [string] $Text)
    $Text -replace '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]', [string][char]0xFFFD
}

function ConvertTo-ComplianceTestName {
    # Pester expands <name> in the names of data-driven tests; a target or title that holds '<' stays as written.
    param([Parameter(Mandatory)] [string] $Text)
    (ConvertTo-ComplianceText $Text).Replace('<', '`<')
}

function New-FindingTestCase {
    param([Parameter(Mandatory)] $Finding)
    $outcome = switch ("$($Finding.Status)") {
        'Pass' { 'Passed' }
        { $_ -in 'Fail', 'Warn' } { if ($Finding.IsWaived) { 'Waived' } else { 'Failed' } }
        'Error' { 'Error' }
        default { 'Informational' }
    }
    @{
        Name            = ConvertTo-ComplianceTestName "$($Finding.RuleId) $(Get-ComplianceTargetLabel $Finding): $($Finding.Title)"
        Tags            = Get-ComplianceTag -RuleId $Finding.RuleId -Severity $Finding.Severity -Stride $Finding.Stride -Platform $Finding.Platform -References $Finding.References
        Outcome         = $outcome
        RuleId          = $Finding.RuleId
        Severity        = $Finding.Severity
        PodSecurityLevel = Get-PodSecurityStandardLevel $Finding.References
        Finding         = $Finding
    }
}

function New-ManualRuleTestCase {
    param([Parameter(Mandatory)] $Rule)
    @{
        Name             = ConvertTo-ComplianceTestName "$($Rule.Id) (check by hand): $($Rule.Title)"
        Tags             = @(Get-ComplianceTag -RuleId $Rule.Id -Severity $Rule.Severity -Stride $Rule.Stride -Platform $Rule.Platform -References $Rule.References) + 'Manual'
        Outcome          = 'Manual'
        RuleId           = $Rule.Id
        Severity         = $Rule.Severity
        PodSecurityLevel = $null
        Rule             = $Rule
    }
}

# The rules each suite's audits evaluate: an audit that could not run carries all their tags.
$script:SuiteRulePrefixes = @{
    DockerDaemon = 'DD', 'DF'; DockerContainers = @('DC'); Dockerfiles = @('DI'); KubernetesWorkloads = @('KP')
    KubernetesRbac = @('KR'); KubeConfig = @('KC'); ControlPlane = 'KC', 'KN'
}

function New-AuditErrorTestCase {
    <#
        A target the audit could not read. The test carries the tags of every rule the audit would have evaluated, so
        any -Tag selection that would have tested the target fails instead of quietly running nothing.
    #>
    param([Parameter(Mandatory)] [string] $Command, [string] $Target, [Parameter(Mandatory)] $ErrorRecord, [Parameter(Mandatory)] [string] $Suite)
    $targetText = if ($ErrorRecord.TargetObject -is [string]) { $ErrorRecord.TargetObject } else { $Target }
    $prefixes = $script:SuiteRulePrefixes[$Suite]
    $tags = @(Get-ContainerSecurityRule -Mode Automated | Where-Object { $_.Id.Substring(0, 2) -in $prefixes } | ForEach-Object {
            Get-ComplianceTag -RuleId $_.Id -Severity $_.Severity -Stride $_.Stride -Platform $_.Platform -References $_.References
        }) + 'AuditError'
    @{
        Name             = ConvertTo-ComplianceTestName "$Command could not audit $(Get-ComplianceRelativePath $targetText)"
        Tags             = @($tags | Select-Object -Unique)
        Outcome          = 'AuditError'
        RuleId           = $null
        Severity         = $null
        PodSecurityLevel = $null
        Message          = "$($ErrorRecord.FullyQualifiedErrorId): $($ErrorRecord.Exception.Message)"
    }
}

function Format-ComplianceFinding {
    # One finding on one line, as the Should operators list them: severity, rule, target with file:line, message.
    param([Parameter(Mandatory)] $Finding)
    # Any object with the finding's properties is accepted (Import-Clixml copies, hand-made ones): Waiver may be absent.
    $waiverProperty = $Finding.PSObject.Properties['Waiver']
    $waiver = if ($waiverProperty -and $waiverProperty.Value -and $waiverProperty.Value.IsExpired) { ' (waiver expired)' } else { '' }
    "{0,-8} {1,-6} {2}: {3}{4}" -f "$($Finding.Severity)", $Finding.RuleId, $Finding.Target, $Finding.Message, $waiver
}

function Get-ComplianceFailureMessage {
    # What a failed It says: what is wrong where, the evidence, and the rule's remediation.
    param([Parameter(Mandatory)] $Finding)
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add("[$($Finding.Status)] $($Finding.Severity) $($Finding.RuleId) $($Finding.Title)")
    $lines.Add("Target: $($Finding.Target)")
    $lines.Add($Finding.Message)
    if ($Finding.Evidence) { $lines.Add("Evidence: $($Finding.Evidence)") }
    if ($Finding.Waiver -and $Finding.Waiver.IsExpired) { $lines.Add("Waiver expired: $($Finding.Waiver)") }
    $lines.Add("Remediation: $($Finding.Remediation)")
    $lines.Add("STRIDE: $($Finding.Stride -join ', '); CIS: $(if ($Finding.Cis) { $Finding.Cis -join ', ' } else { 'none' })")
    ConvertTo-ComplianceText ($lines -join [Environment]::NewLine)
}

function Assert-ComplianceTestCase {
    <# The body of every generated It: passes, fails with the remediation, or marks the test skipped/inconclusive. #>
    param([Parameter(Mandatory)] [hashtable] $Case)
    switch ($Case.Outcome) {
        'Passed' { return }
        'Failed' { throw (Get-ComplianceFailureMessage $Case.Finding) }
        'Error' { throw "The check could not run. $(Get-ComplianceFailureMessage $Case.Finding)" }
        'AuditError' { throw (ConvertTo-ComplianceText $Case.Message) }
        'Waived' {
            Set-ItResult -Skipped -Because (ConvertTo-ComplianceText "waived ($($Case.Finding.Waiver.DeclaredIn)): $($Case.Finding.Waiver)")
        }
        'Informational' {
            Set-ItResult -Skipped -Because (ConvertTo-ComplianceText "$($Case.Finding.Status): $($Case.Finding.Message)")
        }
        'Manual' {
            Set-ItResult -Inconclusive -Because "check by hand: $($Case.Rule.Remediation -replace '\s+', ' ')"
        }
        default { throw "Unknown test outcome '$($Case.Outcome)'." }
    }
}

function New-NoTargetTestCase {
    # A suite with nothing configured says so, instead of reporting an empty, green run.
    param([Parameter(Mandatory)] [string] $Suite, [Parameter(Mandatory)] [string] $Settings)
    @{
        Name             = "$Suite has no target"
        Tags             = @('NoTarget')
        Outcome          = 'Informational'
        RuleId           = $null
        Severity         = $null
        PodSecurityLevel = $null
        Finding          = [pscustomobject]@{ Status = 'NotConfigured'; Message = "set $Settings in $script:ComplianceConfigurationFile or pass it to Invoke-ContainerSecurityTest" }
    }
}
