<#
    Reads Test-DockerDaemonConfig output by rule id. Dot-source it in BeforeAll:  . (Join-Path $PSScriptRoot 'DaemonFindings.ps1')
#>
function Get-SingleFinding($Findings, [string] $RuleId) {
    # Exactly one result per rule, or the test fails naming the rule.
    $matching = @($Findings | Where-Object RuleId -ceq $RuleId)
    $matching.Count | Should -Be 1 -Because "one result of $RuleId is expected"
    $matching[0]
}

function Assert-FindingStatus($Findings, [System.Collections.Specialized.OrderedDictionary] $Expected) {
    # Compares the status of each rule and reports every mismatch, with its message, at once.
    $mismatches = foreach ($ruleId in $Expected.Keys) {
        $finding = Get-SingleFinding $Findings $ruleId
        if ($finding.Status.ToString() -cne $Expected[$ruleId]) {
            "${ruleId}: expected $($Expected[$ruleId]), got $($finding.Status) — $($finding.Message)"
        }
    }
    $mismatches | Should -BeNullOrEmpty
}
