<#
.SYNOPSIS
    The main job, offline: audits the bundled examples and writes the threat-model cheat sheet filled with the results.

.DESCRIPTION
    Runs every audit the module has on the inputs in this folder, without touching a live daemon or cluster, prints
    what each found, and combines all findings into one cheat sheet (HTML and Markdown) and a SARIF log under
    out/examples/. Run it from pwsh (`./examples/audit.ps1` after `Import-Module ./out/ContainerSecurity`), or with
    the pwsh this repository pins: `dotnet tool restore && dotnet pwsh ./build.ps1 -Task Examples`.

.PARAMETER OutputDirectory
    Where the cheat sheet and the SARIF log go. Default: out/examples in the repository.
#>
[CmdletBinding()]
param(
    [string] $OutputDirectory = [System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'examples')
)

$ErrorActionPreference = 'Stop'
$findings = [System.Collections.Generic.List[object]]::new()

# --- Docker daemon: a weak daemon.json (plus one flag) and a hardened one, offline. ---------------------------------
$daemonExamples = "$PSScriptRoot/docker-daemon"
'Docker daemon checks that fail for the weak example (CIS section 2), with the source that decided each value:'
$daemonFindings = Test-DockerDaemonConfig -Path "$daemonExamples/daemon.json" -DaemonArgument '--userland-proxy=false' -Section 2 -Offline
$findings.AddRange(@($daemonFindings))
$daemonFindings | Where-Object Status -eq 'Fail' | Format-Table Severity, RuleId, Message -Wrap

'The hardened example, as -Quiet sees it:'
Test-DockerDaemonConfig -Path "$daemonExamples/daemon.hardened.json" -Section 2 -Offline -Quiet

'The weak example''s effective configuration, where it differs from the defaults:'
Get-DockerDaemonConfig -Path "$daemonExamples/daemon.json" -DaemonArgument '--userland-proxy=false' -Offline -NonDefault

# --- Docker images and containers: a Dockerfile and saved `docker inspect` output. -------------------------------
'Dockerfile threats (file:line and stage):'
$imageFindings = Get-DockerfileThreat -Path "$PSScriptRoot/docker/Dockerfile"
$findings.AddRange(@($imageFindings))
$imageFindings | Sort-Object Severity -Descending | Format-Table RuleId, Severity, Target, Message -Wrap

'Container threats in saved docker inspect output:'
$containerFindings = Get-ContainerThreat -Path "$PSScriptRoot/docker/inspect-web.json"
$findings.AddRange(@($containerFindings))
$containerFindings | Sort-Object Severity -Descending | Format-Table RuleId, Severity, Message -Wrap

# --- Kubernetes workloads: manifests with waivers. ----------------------------------------------------------------
'Kubernetes workload threats of High severity or worse:'
$podFindings = Get-PodThreat -Path "$PSScriptRoot/kubernetes"
$findings.AddRange(@($podFindings))
$podFindings | Where-Object Severity -ge 'High' | Format-Table RuleId, Target, Message -Wrap

'The Pod Security Standards level each workload meets:'
Get-PodThreat -Path "$PSScriptRoot/kubernetes" -PodSecurityLevel

'Accepted risks (waived findings) and lapsed waivers:'
$podFindings | Where-Object Waiver | Format-Table RuleId, IsWaived, @{ Name = 'Waiver'; Expression = { $_.Waiver.ToString() } } -AutoSize

# --- Kubernetes cluster: credentials, RBAC, control plane, kubelet and namespaces. --------------------------------
$cluster = "$PSScriptRoot/cluster"
'Kubeconfig credentials (client certificates cannot be revoked; secrets are masked):'
$credentialFindings = Test-KubeConfig -Path "$cluster/admin.kubeconfig"
$findings.AddRange(@($credentialFindings))
$credentialFindings | Format-Table Severity, RuleId, Message -Wrap

'Dangerous RBAC rights, by subject:'
$rbacFindings = Get-RbacThreat -Path "$cluster/rbac.yaml"
$findings.AddRange(@($rbacFindings))
$rbacFindings | Format-Table Severity, RuleId, @{ Name = 'Subject'; Expression = { $_.Target.Name } }, Message -Wrap

'Who can read Secrets in namespace shop:'
Get-RbacPermission -Path "$cluster/rbac.yaml" -Verb get, list, watch -Resource secrets -Namespace shop

'Control plane, kubelet and namespaces:'
$clusterFindings = Get-ClusterThreat -Path "$cluster/manifests", "$cluster/kubelet-config.yaml", "$cluster/namespace-shop.yaml"
$findings.AddRange(@($clusterFindings))
$clusterFindings | Format-Table Severity, RuleId, @{ Name = 'CIS'; Expression = { $_.Cis -join ', ' } }, Message -Wrap

# --- Did we do a good enough job? All findings in one cheat sheet, a SARIF log, and the CI gate. -----------------
$outputPath = [System.IO.Directory]::CreateDirectory($OutputDirectory).FullName
"The threat-model cheat sheet, filled with $($findings.Count) results from six audits:"
@(
    $findings | Export-ThreatCheatSheet -Path "$outputPath/cheat-sheet.html" -Title 'Example estate threat model' -Force -PassThru
    $findings | Export-ThreatCheatSheet -Path "$outputPath/cheat-sheet.md" -Title 'Example estate threat model' -Force -PassThru
    $findings | Export-ContainerSecurityReport -Path "$outputPath/results.sarif" -Force -PassThru
) | Format-Table FullName, Length -AutoSize

try {
    $findings | Assert-ContainerSecurityFinding -MinimumSeverity Critical
}
catch {
    "The gate would fail a CI job: $($_.Exception.Message)"
}
