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

Write-Output 'The threat catalog, by platform and STRIDE category:'
Get-ContainerSecurityRule |
    ForEach-Object { foreach ($category in $_.Stride) { [pscustomobject]@{ Platform = $_.Platform; Stride = $category } } } |
    Group-Object Platform, Stride -NoElement |
    Sort-Object Name |
    Format-Table Count, Name -AutoSize

Write-Output 'Critical threats in the catalog:'
Get-ContainerSecurityRule -Severity Critical

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
