<#
    Get-PodThreat over the peers' own fixtures (Polaris test/checks, kubesec rule tests), compared concept
    by concept. tests/conformance/concepts.csv maps each peer concept to the KP rules that judge it (or says why it is
    not compared); tests/conformance/expected-disagreements.csv lists every fixture where the module differs on
    purpose, with the reason (docs/conformance.md shows the same table). The test fails when a fixture disagrees that
    is not listed, when a listed one now agrees (the list must shrink with it), and when docs/conformance.md and the
    list part ways. The agreement per concept is written to out/test-results/conformance.csv.
#>
BeforeDiscovery {
    $root = Join-Path $PSScriptRoot '..' '..' 'conformance'
    $concepts = @{}
    foreach ($row in Import-Csv -LiteralPath (Join-Path $root 'concepts.csv')) { $concepts[$row.concept] = $row }
    $script:cases = foreach ($row in Import-Csv -LiteralPath (Join-Path $root 'index.csv')) {
        $concept = $concepts[$row.concept]
        if ($concept -and $concept.rules -and $row.verdict -in 'pass', 'fail') {
            @{ Tool = $row.tool; Path = $row.path; Concept = $row.concept; Rules = $concept.rules -split ';'; Peer = $row.verdict; Check = $row.check }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $script:root = Get-RepositoryPath tests conformance

    # Our verdict for one fixture and concept: fail when a rule of the concept fails, error when the file cannot be read.
    function Get-OurVerdict([string] $Path, [string[]] $Rules) {
        $errors = $null
        $findings = Get-PodThreat -LiteralPath (Join-Path $script:root $Path) -RuleId $Rules -ErrorVariable errors -ErrorAction SilentlyContinue
        if ($errors.Count -gt 0) { return 'error' }
        if (@($findings | Where-Object { $_.Status -eq 'Fail' }).Count -gt 0) { 'fail' } else { 'pass' }
    }

    $script:expected = @{}
    foreach ($row in Import-Csv -LiteralPath (Join-Path $script:root 'expected-disagreements.csv')) {
        $script:expected["$($row.path)|$($row.concept)"] = $row
    }
    $script:results = [System.Collections.Generic.List[object]]::new()
}

AfterAll {
    # Agreement per concept, for the record and the closing note.
    $summary = $script:results | Group-Object Concept | Sort-Object Name | ForEach-Object {
        $agree = @($_.Group | Where-Object Agrees).Count
        [pscustomobject]@{ Concept = $_.Name; Fixtures = $_.Count; Agree = $agree; Percent = [math]::Round(100 * $agree / $_.Count, 1) }
    }
    $out = Get-RepositoryPath out test-results
    New-Item -ItemType Directory -Force -Path $out | Out-Null
    $summary | Export-Csv -LiteralPath (Join-Path $out 'conformance.csv') -NoTypeInformation
    $script:results | Select-Object Tool, Path, Concept, Peer, Ours, Agrees | Export-Csv -LiteralPath (Join-Path $out 'conformance-fixtures.csv') -NoTypeInformation
}

Describe 'Get-PodThreat agrees with the peers, concept by concept' {
    It '<Tool> <Path> (<Concept>): peer says <Peer>' -ForEach $script:cases {
        $ours = Get-OurVerdict $Path $Rules
        $agrees = $ours -eq $Peer
        $script:results.Add([pscustomobject]@{ Tool = $Tool; Path = $Path; Concept = $Concept; Peer = $Peer; Ours = $ours; Agrees = $agrees })
        $listed = $script:expected["$Path|$Concept"]
        if ($agrees) {
            $listed | Should -BeNullOrEmpty -Because "$Path now agrees ($ours): remove it from tests/conformance/expected-disagreements.csv and docs/conformance.md"
        }
        else {
            $listed | Should -Not -BeNullOrEmpty -Because "$Path ($Concept) disagrees: the peer says $Peer, the module $ours; fix it or list it with the reason"
            $listed.ours | Should -Be $ours -Because 'the listed verdict of the module is the one it gives'
            $listed.peer | Should -Be $Peer
        }
    }

    It 'lists no disagreement for a fixture that is not compared' {
        $judged = @{}
        foreach ($row in Import-Csv -LiteralPath (Join-Path $script:root 'concepts.csv')) { if ($row.rules) { $judged[$row.concept] = $true } }
        $compared = Import-Csv -LiteralPath (Join-Path $script:root 'index.csv') |
            Where-Object { $judged[$_.concept] -and $_.verdict -in 'pass', 'fail' } | ForEach-Object { "$($_.path)|$($_.concept)" }
        $script:expected.Keys | Where-Object { $_ -notin $compared } | Should -BeNullOrEmpty
    }

    It 'docs/conformance.md shows the agreement measured, concept by concept' {
        $script:results.Count | Should -BeGreaterThan 200 -Because 'the fixtures were audited first'
        $doc = Get-Content -Raw -LiteralPath (Get-RepositoryPath docs conformance.md)
        foreach ($group in $script:results | Group-Object Concept) {
            $agree = @($group.Group | Where-Object Agrees).Count
            $percent = [math]::Round(100 * $agree / $group.Count, 1).ToString([cultureinfo]::InvariantCulture)
            $doc | Should -Match ("(?m)^\| {0} \| [^|]* \| {1} \| {2} \| {3} \|" -f [regex]::Escape($group.Name), $group.Count, $agree, [regex]::Escape($percent))
        }
    }

    It 'docs/conformance.md shows every listed disagreement and no other' {
        $doc = Get-Content -Raw -LiteralPath (Get-RepositoryPath docs conformance.md)
        $documented = [regex]::Matches($doc, '(?m)^\| `([^`]+)` \| ([^|]+?) \| (pass|fail|error) \| (pass|fail|error) \|') |
            ForEach-Object { "$($_.Groups[1].Value)|$($_.Groups[2].Value.Trim())" }
        @($documented | Sort-Object) | Should -Be @($script:expected.Keys | Sort-Object)
    }
}
