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

Write-Output 'Dockerfile threats in examples/docker/Dockerfile (file:line, stage):'
Get-DockerfileThreat -Path (Join-Path $PSScriptRoot 'docker/Dockerfile') |
    Sort-Object Severity -Descending |
    Format-Table RuleId, Severity, Target, Message -AutoSize

Write-Output 'Container threats in saved docker inspect output (examples/docker/inspect-web.json):'
Get-ContainerThreat -Path (Join-Path $PSScriptRoot 'docker/inspect-web.json') |
    Sort-Object Severity -Descending |
    Format-Table RuleId, Severity, Message -AutoSize
