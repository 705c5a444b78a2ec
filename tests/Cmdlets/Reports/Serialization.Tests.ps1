BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')

    $script:Manifest = Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1
    $script:Repository = Get-RepositoryPath

    # Findings of every offline audit of the examples: every kind of target (file:line, namespace/Kind/name,
    # container, host, daemon.json) goes through serialization.
    $script:Audit = {
        param($Root)
        Get-PodThreat -Path "$Root/examples/kubernetes"
        Get-DockerfileThreat -Path "$Root/examples/docker/Dockerfile"
        Get-ContainerThreat -Path "$Root/examples/docker/inspect-web.json"
        Test-DockerDaemonConfig -Path "$Root/examples/docker-daemon/daemon.json" -Offline -Section 2
        Get-RbacThreat -Path "$Root/examples/cluster/rbac.yaml"
        Test-KubeConfig -Path "$Root/examples/cluster/admin.kubeconfig"
    }

    # The cheat sheet as JSON without the time it was written, so two sheets compare as text.
    function Get-SheetText([object[]] $Findings, [string] $Folder, [string] $Name) {
        $path = Join-Path $Folder "$Name.json"
        $Findings | Export-ThreatCheatSheet -Path $path -Force
        (Get-Content -LiteralPath $path) -notmatch '"generatedAt"' -join "`n"
    }

    function Get-GateOutcome([object[]] $Findings) {
        try {
            $Findings | Assert-ContainerSecurityFinding -MinimumSeverity Critical -ErrorAction Stop
            'passed'
        }
        catch {
            "$($_.FullyQualifiedErrorId): $(@($_.TargetObject | ForEach-Object { "$($_.RuleId) $($_.Target)" }) -join '; ')"
        }
    }
}

# Start-Job, Invoke-Command and ForEach-Object -Parallel hand findings over serialized at depth 1.
Describe 'Findings serialized at depth 1' {
    BeforeAll {
        $folder = New-TestFolder
        $live = & $Audit $Repository
        $liveGate = Get-GateOutcome $live
        $liveSheet = Get-SheetText $live $folder live
        $liveHigh = @($live | Where-Object Severity -ge 'High').Count

        $job = Start-Job { Import-Module $using:Manifest; & ([scriptblock]::Create($using:Audit)) $using:Repository } | Receive-Job -Wait -AutoRemoveJob
        $serialized = [System.Management.Automation.PSSerializer]::Deserialize(
            [System.Management.Automation.PSSerializer]::Serialize($live, 1))

        # What a session without the module's types file sends (an older module on the other end): Target, Waiver
        # and Evidence flattened to their display strings, enums to their names.
        $flatXml = Join-Path $folder 'flat.xml'
        & (Get-PwshPath) -NoProfile -NonInteractive -Command (
            "Import-Module '$Manifest'; Remove-TypeData -TypeName ContainerSecurity.Finding; " +
            "`$audit = { $Audit }; [IO.File]::WriteAllText('$flatXml', [System.Management.Automation.PSSerializer]::Serialize(@(& `$audit '$Repository'), 1))")
        $flat = [System.Management.Automation.PSSerializer]::Deserialize((Get-Content -Raw -LiteralPath $flatXml))
    }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

    It 'the examples hold a Critical finding whose waiver has expired' {
        $expired = $live | Where-Object { $_.RuleId -eq 'KP002' -and $_.Waiver.IsExpired }
        $expired | Should -Not -BeNullOrEmpty
        $liveGate | Should -BeLike 'UnwaivedFindingsRemain*KP002*'
    }

    It 'the <Name> copy fails the gate as the live findings do' -ForEach @(
        @{ Name = 'Start-Job'; Key = 'job' }
        @{ Name = 'PSSerializer depth 1'; Key = 'serialized' }
        @{ Name = 'flattened'; Key = 'flat' }
    ) {
        $copy = Get-Variable -Name $Key -ValueOnly
        @($copy).Count | Should -Be @($live).Count
        Get-GateOutcome $copy | Should -Be $liveGate
    }

    It 'the <Name> copy gives the same cheat sheet (worst severity, targets)' -ForEach @(
        @{ Name = 'Start-Job'; Key = 'job' }
        @{ Name = 'PSSerializer depth 1'; Key = 'serialized' }
        @{ Name = 'flattened'; Key = 'flat' }
    ) {
        $copy = Get-Variable -Name $Key -ValueOnly
        $sheet = Get-SheetText $copy $folder $Key
        $sheet | Should -Be $liveSheet
        $sheet | Should -Not -Match '\(unknown\)'
    }

    It 'the <Name> copy reports every finding with the same rule, status, severity, target and waiver' -ForEach @(
        @{ Name = 'Start-Job'; Key = 'job' }
        @{ Name = 'PSSerializer depth 1'; Key = 'serialized' }
        @{ Name = 'flattened'; Key = 'flat' }
    ) {
        $copy = Get-Variable -Name $Key -ValueOnly
        $columns = 'RuleId', 'Status', 'Severity', 'Target', 'IsWaived', 'Message'
        $expected = $live | ConvertTo-ContainerSecurityReport -Format Csv | ConvertFrom-Csv | Select-Object $columns | ConvertTo-Csv
        $actual = $copy | ConvertTo-ContainerSecurityReport -Format Csv | ConvertFrom-Csv | Select-Object $columns | ConvertTo-Csv
        $actual | Should -Be $expected
    }

    It 'the <Name> copy keeps Target, Waiver and Evidence as objects and Severity as the enum' -ForEach @(
        @{ Name = 'Start-Job'; Key = 'job' }
        @{ Name = 'PSSerializer depth 1'; Key = 'serialized' }
    ) {
        $copy = Get-Variable -Name $Key -ValueOnly
        $kp002 = $copy | Where-Object { $_.RuleId -eq 'KP002' -and $_.Waiver }
        $kp002.Waiver.IsExpired | Should -BeTrue
        $kp002.Target.Name | Should -Be 'node-agent'
        $kp002.Evidence.Observed | Should -Not -BeNullOrEmpty
        $kp002.Severity | Should -BeOfType ([ContainerSecurity.Severity])
    }

    It "Where-Object Severity -ge 'High' selects the same findings from the <Name> copy" -ForEach @(
        @{ Name = 'Start-Job'; Key = 'job' }
        @{ Name = 'PSSerializer depth 1'; Key = 'serialized' }
    ) {
        $copy = Get-Variable -Name $Key -ValueOnly
        @($copy | Where-Object Severity -ge 'High').Count | Should -Be $liveHigh
        @($copy | Where-Object Severity -eq 'Critical').Count | Should -Be @($live | Where-Object Severity -eq 'Critical').Count
    }

    It 'findings read back from Export-Clixml compare by severity too' {
        $path = Join-Path $folder 'findings.xml'
        $live | Export-Clixml -LiteralPath $path
        @(Import-Clixml -LiteralPath $path | Where-Object Severity -ge 'High').Count | Should -Be $liveHigh
    }
}
