<#
.SYNOPSIS
    The main job, offline: audits the bundled examples and summarises what the catalog knows.

.DESCRIPTION
    Runs every audit the module has on the inputs in this folder, without touching a live daemon or cluster, and
    prints the findings. Run it from pwsh (`./examples/audit.ps1` after `Import-Module ./out/ContainerSecurity`) or
    through the shell: `dotnet run --project src/ContainerSecurity.Shell -- -File examples/audit.ps1`.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'

'The threat catalog, by platform and STRIDE category:'
Get-ContainerSecurityRule |
    ForEach-Object { foreach ($category in $_.Stride) { [pscustomobject]@{ Platform = $_.Platform; Stride = $category } } } |
    Group-Object Platform, Stride -NoElement |
    Sort-Object Name |
    Format-Table Count, Name -AutoSize

'Critical threats in the catalog:'
Get-ContainerSecurityRule -Severity Critical

'Kubernetes workloads (examples/kubernetes): threats by severity, then the Pod Security Standards level of each:'
$podFindings = Get-PodThreat -Path "$PSScriptRoot/kubernetes"
$podFindings | Group-Object Severity -NoElement | Sort-Object Count -Descending | Format-Table Count, Name -AutoSize
$podFindings | Where-Object { $_.Severity -in 'Critical', 'High' } | Format-Table RuleId, Target, Message -Wrap
Get-PodThreat -Path "$PSScriptRoot/kubernetes" -PodSecurityLevel
'Accepted risks (waived findings) and lapsed waivers:'
$podFindings | Where-Object { $_.Waiver } | Format-Table RuleId, IsWaived, @{ Name = 'Waiver'; Expression = { $_.Waiver.ToString() } } -AutoSize

# Docker daemon configuration, offline: a weak daemon.json started with flags from a unit file, and a hardened one.
$daemonExamples = "$PSScriptRoot/docker-daemon"
'Docker daemon checks that fail for the weak example (section 2), with the source that decided each value:'
Test-DockerDaemonConfig -Path "$daemonExamples/daemon.json" -DaemonArgument '--userland-proxy=false' -Section 2 -ErrorAction Continue |
    Where-Object Status -eq 'Fail' |
    Format-Table Severity, RuleId, Message -Wrap

'The hardened example, as -Quiet sees it (section 2):'
Test-DockerDaemonConfig -Path "$daemonExamples/daemon.hardened.json" -Section 2 -Quiet

'The weak example''s effective configuration, where it differs from the defaults:'
Get-DockerDaemonConfig -Path "$daemonExamples/daemon.json" -DaemonArgument '--userland-proxy=false' -NonDefault

# Kubernetes cluster threats: client credentials, RBAC, control plane, kubelet and namespace posture.
$cluster = "$PSScriptRoot/cluster"

'Kubeconfig credentials (repudiation: client certificates cannot be revoked; secrets are masked):'
Test-KubeConfig -Path "$cluster/admin.kubeconfig" | Format-Table Severity, RuleId, Target, Message -Wrap

'Dangerous RBAC rights, by subject:'
Get-RbacThreat -Path "$cluster/rbac.yaml" | Format-Table Severity, RuleId, @{ Name = 'Subject'; Expression = { $_.Target.Name } }, Message -Wrap

'Who can read Secrets in namespace shop:'
Get-RbacPermission -Path "$cluster/rbac.yaml" -Verb get, list, watch -Resource secrets -Namespace shop

'Control plane, kubelet and namespaces:'
Get-ClusterThreat -Path "$cluster/manifests", "$cluster/kubelet-config.yaml", "$cluster/namespace-shop.yaml" |
    Format-Table Severity, RuleId, @{ Name = 'CIS'; Expression = { $_.Cis -join ', ' } }, Message -Wrap

# --- Reports: the threat-model cheat sheet, CI formats and the gate (Export-ThreatCheatSheet,
# --- Export-ContainerSecurityReport, Assert-ContainerSecurityFinding) on findings saved with Export-Clixml.
'Reports from saved findings (examples/reports/findings.clixml):'
$savedFindings = [System.Management.Automation.PSSerializer]::Deserialize(
    [System.IO.File]::ReadAllText([System.IO.Path]::Combine($PSScriptRoot, 'reports', 'findings.clixml')))
$reportDirectory = [System.IO.Directory]::CreateDirectory(
    [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'containersecurity-examples')).FullName
@(
    $savedFindings | Export-ThreatCheatSheet -Path ([System.IO.Path]::Combine($reportDirectory, 'cheat-sheet.html')) -Title 'Shop platform threat model' -Force -PassThru
    $savedFindings | Export-ThreatCheatSheet -Path ([System.IO.Path]::Combine($reportDirectory, 'cheat-sheet.md')) -Title 'Shop platform threat model' -Force -PassThru
    $savedFindings | Export-ContainerSecurityReport -Path ([System.IO.Path]::Combine($reportDirectory, 'results.sarif')) -Force -PassThru
    $savedFindings | Export-ContainerSecurityReport -Path ([System.IO.Path]::Combine($reportDirectory, 'junit.xml')) -Force -PassThru
) | Format-Table Name, Length -AutoSize
try {
    $savedFindings | Assert-ContainerSecurityFinding -MinimumSeverity High
}
catch {
    "The gate would fail a CI job: $($_.Exception.Message)"
}
