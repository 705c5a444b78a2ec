BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $findings = @(& (Join-Path $PSScriptRoot 'TestFindings.ps1'))

    function Get-CaughtError([scriptblock] $ScriptBlock) {
        # The terminating error a command throws, as a script's catch block sees it.
        try { & $ScriptBlock; 'no error' } catch { $_ }
    }
}

Describe 'Export-ThreatCheatSheet' {
    BeforeEach { $folder = New-TestFolder }
    AfterEach { Remove-Item -LiteralPath $folder -Recurse -Force }

    It 'fills a Markdown sheet with findings from the pipeline by default' {
        $findings | Export-ThreatCheatSheet -Path (Join-Path $folder 'sheet')

        $bytes = [System.IO.File]::ReadAllBytes((Join-Path $folder 'sheet'))
        $bytes[0] | Should -Not -Be 0xEF -Because 'the sheet is UTF-8 without a byte-order mark'
        $text = [System.Text.Encoding]::UTF8.GetString($bytes)
        $text | Should -BeLikeExactly '# Docker and Kubernetes threat model cheat sheet*'
        $text | Should -BeLikeExactly '*`*`*5 findings:`*`* 2 passed, 2 failed, 1 waived*'
        $text | Should -BeLikeExactly '*- shop/Deployment/api (k8s/api.yaml)*'
        $text | Should -MatchExactly '\| Spoofing \| .*🟧 \*\*High\*\* · 1 open'
    }

    It 'follows the extension of <Name>' -ForEach @(
        @{ Name = 'sheet.html'; Start = '<!DOCTYPE html>' }
        @{ Name = 'sheet.HTM'; Start = '<!DOCTYPE html>' }
        @{ Name = 'sheet.json'; Start = '{' }
        @{ Name = 'sheet.md'; Start = '# ' }
    ) {
        $findings | Export-ThreatCheatSheet -Path (Join-Path $folder $Name)

        (Get-Content -Raw -LiteralPath (Join-Path $folder $Name)).StartsWith($Start, [System.StringComparison]::Ordinal) | Should -BeTrue
    }

    It 'lets -Format override the extension and -Title, -Platform and -Stride shape the sheet' {
        $findings | Export-ThreatCheatSheet -Path (Join-Path $folder 'sheet.txt') -Format Html -Title 'Shop <review>' -Platform Kubernetes -Stride Spoofing

        $html = Get-Content -Raw -LiteralPath (Join-Path $folder 'sheet.txt')
        $html | Should -BeLikeExactly '*<title>Shop &lt;review&gt;</title>*'
        $html | Should -BeLikeExactly '*id="threat-kp001"*'
        $html | Should -Not -BeLikeExactly '*id="threat-kp016"*'
        $html | Should -Not -BeLikeExactly '*id="threat-dd003"*'
        $html | Should -Not -BeLikeExactly '*<script>*'
    }

    It 'writes the catalog-only sheet without findings' {
        Export-ThreatCheatSheet -Path (Join-Path $folder 'catalog.md')

        $text = Get-Content -Raw -LiteralPath (Join-Path $folder 'catalog.md')
        $text | Should -BeLikeExactly '*from the rule catalog only*'
        $text | Should -BeLikeExactly '*##### DM009 ·*'
    }

    It 'keeps an existing file without -Force and replaces it with -Force' {
        $out = Join-Path $folder 'sheet.md'
        Set-Content -LiteralPath $out -Value 'old' -NoNewline

        $failure = Get-CaughtError { Export-ThreatCheatSheet -Path $out }

        Get-Content -Raw -LiteralPath $out | Should -BeExactly 'old'
        $failure.FullyQualifiedErrorId | Should -BeExactly 'OutputFileExists,ContainerSecurity.Commands.ExportThreatCheatSheetCommand'
        $failure.Exception.Message | Should -BeLikeExactly '*-Force*'

        Export-ThreatCheatSheet -Path $out -Force
        (Get-Content -Raw -LiteralPath $out).StartsWith('# ', [System.StringComparison]::Ordinal) | Should -BeTrue
    }

    It 'writes nothing with -WhatIf and returns the FileInfo with -PassThru' {
        Export-ThreatCheatSheet -Path (Join-Path $folder 'whatif.md') -WhatIf
        Join-Path $folder 'whatif.md' | Should -Not -Exist

        $file = @(Export-ThreatCheatSheet -LiteralPath (Join-Path $folder '[x].md') -PassThru)
        $file.Count | Should -Be 1
        $file[0] | Should -BeOfType ([System.IO.FileInfo])
        $file[0].FullName | Should -BeExactly (Join-Path $folder '[x].md')
        $file[0].Length | Should -BeGreaterThan 10000
        @(Get-ChildItem -LiteralPath $folder -Filter '*.tmp') | Should -BeNullOrEmpty -Because 'the temporary file was moved into place'
    }

    It 'accepts deserialized findings and lookalike objects, and reports objects that are not findings' {
        $copies = ConvertTo-CliXmlCopy $findings -Depth 4
        $lookalike = [pscustomobject]@{ RuleId = 'KP016'; Status = 'Fail'; Message = 'no memory limit'; Target = [pscustomobject]@{ Namespace = 'shop'; Kind = 'Deployment'; Name = 'cart' } }
        $out = Join-Path $folder 'sheet.json'

        $run = Invoke-Captured { @($copies) + $lookalike + [pscustomobject]@{ Name = 'not a finding' } | Export-ThreatCheatSheet -Path $out -Format Json }

        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidFinding,ContainerSecurity.Commands.ExportThreatCheatSheetCommand'
        $run.Errors[0].Exception.Message | Should -BeLikeExactly "*'RuleId'*"
        $json = Get-Content -Raw -LiteralPath $out | ConvertFrom-Json
        $json.findingCount | Should -Be 6
        $kp002 = @($json.didWeDoAGoodEnoughJob.threats | Where-Object id -ceq 'KP002')
        $kp002.Count | Should -Be 1
        $kp002[0].waived | Should -Be 1
        $pods = @($json.whatAreWeBuilding.assets | Where-Object asset -ceq 'Pod')
        $pods.Count | Should -Be 1
        $pods[0].targets | Should -Contain 'shop/Deployment/cart'
    }

    It 'refuses a directory or a missing parent with a clear error' {
        (Get-CaughtError { Export-ThreatCheatSheet -Path $folder }).FullyQualifiedErrorId |
            Should -BeExactly 'OutputPathIsDirectory,ContainerSecurity.Commands.ExportThreatCheatSheetCommand'
        (Get-CaughtError { Export-ThreatCheatSheet -Path (Join-Path $folder 'missing' 'sheet.md') }).FullyQualifiedErrorId |
            Should -BeExactly 'OutputDirectoryNotFound,ContainerSecurity.Commands.ExportThreatCheatSheetCommand'
        Join-Path $folder 'missing' | Should -Not -Exist
    }
}
