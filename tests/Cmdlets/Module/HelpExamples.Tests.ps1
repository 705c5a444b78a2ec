<#
    Every example in docs/en-US is run as a user would run it: in a fresh runspace with the module imported, in a
    temporary folder that holds a copy of the repository's examples/ (so ./examples/kubernetes and friends exist),
    twice in a row in the same folder (an example that writes a file must still work the second time). It must end
    without an error unless its remark says it stops with one; what the remark promises is checked where it can be.

    An example whose code fence reads ```powershell live needs what this machine does not have offline (a running
    Docker daemon, a cluster, the network, kubectl or helm, the user's own files): it is not run, but it must parse, and
    every parameter it gives a cmdlet of this module must be one that cmdlet has.
#>
BeforeDiscovery {
    $docs = Join-Path $PSScriptRoot '..' '..' '..' 'docs' 'en-US'
    $examples = foreach ($file in Get-ChildItem -LiteralPath $docs -Filter '*-*.md') {
        $cmdlet = $file.BaseName
        $lines = Get-Content -LiteralPath $file.FullName
        $inExamples = $false
        $current = $null
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($line -match '^## ') {
                if ($current) { $current; $current = $null }
                $inExamples = $line -eq '## EXAMPLES'
                continue
            }
            if (-not $inExamples) { continue }
            if ($line -match '^### Example (\d+)') {
                if ($current) { $current }
                $current = @{ Cmdlet = $cmdlet; Number = [int] $Matches[1]; Title = $line.Substring(4); Code = @(); Live = $false; Remarks = '' }
                continue
            }
            if ($current -and $line -match '^```(\S*)\s*(.*)$' -and $Matches[1] -eq 'powershell') {
                $live = $Matches[2] -match '\blive\b'
                $block = for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^```'; $i++) { $lines[$i] }
                $current.Code += ($block -join "`n")
                $current.Live = $current.Live -or $live
                continue
            }
            if ($current -and $current.Code.Count -gt 0) { $current.Remarks += $line + "`n" }
        }
        if ($current) { $current }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $script:Manifest = Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1
    # Pester's examples assume Pester is installed, as it is for anyone who runs Invoke-ContainerSecurityTest.
    $script:TestTools = Get-RepositoryPath out test-tools

    # Runs an example's code as ./example.ps1 in $Folder, in a new runspace with the module imported.
    function Invoke-Example([string] $Code, [string] $Folder) {
        $script = Join-Path $Folder 'example.ps1'
        Set-Content -LiteralPath $script -Value $Code
        $ps = [powershell]::Create()
        try {
            # The output is rendered after the example ends: a terminating error would otherwise stop Out-String with it.
            $null = $ps.AddScript(
                "`$env:PSModulePath = '$TestTools' + [IO.Path]::PathSeparator + `$env:PSModulePath; " +
                "Import-Module '$Manifest'; Set-Location -LiteralPath '$Folder'; `$global:LASTEXITCODE = 0; " +
                "`$global:ExampleOutput = [System.Collections.Generic.List[object]]::new(); `$global:ExampleTerminating = `$null; " +
                "try { & '$script' | ForEach-Object { `$global:ExampleOutput.Add(`$_) } } catch { `$global:ExampleTerminating = `$_ }; " +
                "`$global:ExampleOutput | Out-String -Width 250 -Stream")
            $output = $ps.Invoke()
            [pscustomobject]@{
                Output      = ($output -join "`n")
                Errors      = @($ps.Streams.Error)
                Terminating = $ps.Runspace.SessionStateProxy.GetVariable('ExampleTerminating')
                ExitCode    = $ps.Runspace.SessionStateProxy.GetVariable('LASTEXITCODE')
            }
        }
        finally {
            $ps.Runspace.Dispose()
            $ps.Dispose()
        }
    }

    function Describe-Run($Run) {
        "output:`n$($Run.Output)`nerrors: $(@($Run.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) -join '; ')`n" +
            "terminating: $(if ($Run.Terminating) { "$($Run.Terminating.FullyQualifiedErrorId): $($Run.Terminating)" })`nexit code: $($Run.ExitCode)"
    }

    # What a remark promises, where it can be checked. Each check gets the run and the folder; by default an example
    # must end with no error at all and exit code 0.
    $script:Promises = @{
        'Assert-ContainerSecurityFinding 1' = @{ Fails = 'UnwaivedFindingsRemain*'; Check = {
            param($Run) $Run.Terminating.Exception.Message | Should -Match 'at or above High' } }
        'Assert-ContainerSecurityFinding 2' = @{ Fails = 'UnwaivedFindingsRemain*'; Check = {
            param($Run, $Folder)
            $sarif = Get-Content -Raw -LiteralPath (Join-Path $Folder 'results.sarif') | ConvertFrom-Json
            $sarif.version | Should -Be '2.1.0'
            $sarif.runs[0].results.Count | Should -BeGreaterThan 0 } }
        'Assert-ContainerSecurityFinding 3' = @{ Fails = 'UnwaivedFindingsRemain*'; Check = {
            param($Run) $Run.Output | Should -Match 'KP002' } }
        'Export-ContainerSecurityReport 1' = @{ Check = {
            param($Run, $Folder)
            $sarif = Get-Content -Raw -LiteralPath (Join-Path $Folder 'results.sarif') | ConvertFrom-Json
            $sarif.runs[0].results.locations.physicalLocation.artifactLocation.uri | Should -Contain 'examples/kubernetes/shop.yaml' } }
        'Export-ContainerSecurityReport 2' = @{ Check = {
            param($Run, $Folder)
            ([xml] (Get-Content -Raw -LiteralPath (Join-Path $Folder 'junit.xml'))).testsuites.testsuite | Should -Not -BeNullOrEmpty
            Import-Csv -LiteralPath (Join-Path $Folder 'findings.csv') | Should -Not -BeNullOrEmpty
            $Run.Output | Should -Match 'findings\.csv' } }
        'Export-ContainerSecurityReport 3' = @{ Check = {
            param($Run, $Folder)
            (Get-Content -Raw -LiteralPath (Join-Path $Folder 'scan.json') | ConvertFrom-Json).version | Should -Be '2.1.0' } }
        'Export-ThreatCheatSheet 1' = @{ Check = {
            param($Run, $Folder) Get-Content -Raw -LiteralPath (Join-Path $Folder 'sheet.html') | Should -Match '<html' } }
        'Export-ThreatCheatSheet 2' = @{ Check = {
            param($Run, $Folder)
            $sheet = Get-Content -Raw -LiteralPath (Join-Path $Folder 'THREATS.md')
            $sheet | Should -Match '^# Shop platform threat model'
            foreach ($rule in 'DD0', 'DC0', 'KP0') { $sheet | Should -Match $rule }
            $Run.Output | Should -Match 'THREATS\.md' } }
        'Export-ThreatCheatSheet 3' = @{ Check = {
            param($Run, $Folder)
            $sheet = Get-Content -Raw -LiteralPath (Join-Path $Folder 'k8s-eop.json') | ConvertFrom-Json
            $sheet.hasFindings | Should -BeFalse } }
        'Export-ThreatCheatSheet 4' = @{ Check = {
            param($Run, $Folder) Test-Path -LiteralPath (Join-Path $Folder 'sheet.md') | Should -BeFalse } }
        'Get-DockerDaemonConfig 2' = @{ Check = {
            param($Run)
            $Run.Output | Should -Match 'selinux-enabled: not set → default false'
            $Run.Output | Should -Match 'insecure-registries: \[registry.internal:5000\] \(from -DaemonArgument: --insecure-registry registry.internal:5000\)' } }
        'Test-DockerDaemonConfig 2' = @{ Check = {
            param($Run) $Run.Output | Should -Match 'Fail +High +DD005' ; $Run.Output | Should -Match 'from -DaemonArgument: --insecure-registry' } }
        'Install-ContainerSecurityTest 1' = @{ TestsFail = $true; Check = {
            param($Run, $Folder) Join-Path $Folder 'compliance' 'containersecurity.tests.psd1' | Should -Exist } }
        'Get-PodThreat 5' = @{ ExitCode = 1; Check = {
            param($Run) $Run.Output | Should -Match 'KP002' } }
        'ConvertTo-ContainerSecurityReport 2' = @{ Fails = 'UnwaivedFindingsRemain*'; Check = {
            param($Run) $Run.Output | Should -Match '^(High|Critical|Medium|Low|Info)' } }
    }
}

Describe 'Help example <Cmdlet> <Title>' -ForEach @($examples | Where-Object { -not $_.Live }) {
    BeforeAll {
        $folder = New-TestFolder
        Copy-Item -LiteralPath (Get-RepositoryPath examples) -Destination (Join-Path $folder 'examples') -Recurse
        $promise = $Promises["$Cmdlet $Number"] ?? @{}
    }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

    It 'runs offline and keeps its promise, twice in a row' {
        foreach ($round in 1, 2) {
            $run = Invoke-Example ($Code -join "`n") $folder
            $because = "round $round of $Cmdlet example ${Number}: $(Describe-Run $run)"
            if ($promise.Fails) {
                $run.Terminating | Should -Not -BeNullOrEmpty -Because $because
                "$($run.Terminating.FullyQualifiedErrorId)" | Should -BeLike $promise.Fails -Because $because
            }
            else {
                $run.Terminating | Should -BeNullOrEmpty -Because $because
            }
            $run.Errors | Should -BeNullOrEmpty -Because $because
            if ($promise.TestsFail) {
                # Invoke-Pester leaves the number of failed tests in $LASTEXITCODE.
                $run.ExitCode | Should -BeGreaterThan 0 -Because $because
            }
            else {
                $run.ExitCode | Should -Be ($promise.ExitCode ?? 0) -Because $because
            }
            if ($promise.Check) { & $promise.Check $run $folder }
        }
    }
}

Describe 'Live help example <Cmdlet> <Title>' -ForEach @($examples | Where-Object Live) {
    It 'parses, and gives the module''s cmdlets only parameters they have' {
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput(($Code -join "`n"), [ref] $null, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        $calls = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
        foreach ($call in $calls) {
            $command = Get-Command -Name $call.GetCommandName() -Module ContainerSecurity -ErrorAction Ignore
            if (-not $command) { continue }
            $known = $command.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases }
            foreach ($parameter in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                $parameter.ParameterName | Should -BeIn $known -Because "$($command.Name) example $Number"
            }
        }
    }
}
