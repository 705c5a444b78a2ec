BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')

    function Get-Fixture([string] $Rule, [string] $File = 'fail.yaml') {
        Get-RepositoryPath tests fixtures kubernetes $Rule $File
    }
}

Describe 'Get-PodThreat' {
    BeforeAll { $folder = New-TestFolder }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

    It 'reads folders named by a wildcard -Path and names file, line, container and field' {
        $dir = Get-RepositoryPath tests fixtures kubernetes
        $findings = @(Get-PodThreat -Path $dir/KP00[2-3] | Where-Object Severity -eq 'Critical')

        $findings.Count | Should -Be 1
        $findings[0].RuleId | Should -BeExactly 'KP002'
        $findings[0].Target.File | Should -BeExactly (Get-Fixture KP002)
        $findings[0].Target.Line | Should -Be 30
        $findings[0].Target.Container | Should -BeExactly 'app'
        $findings[0].Target.FieldPath | Should -BeExactly 'spec.containers[0].securityContext.privileged'
    }

    It 'audits text arriving line by line from the pipeline with input line numbers' {
        $findings = @([System.IO.File]::ReadAllLines((Get-Fixture KP013)) | Get-PodThreat -RuleId KP013)

        $findings.Count | Should -Be 1
        $findings[0].Target.File | Should -BeExactly 'InputObject'
        $findings[0].Target.Line | Should -Be 31
        $findings[0].Target.FieldPath | Should -BeExactly 'spec.template.spec.containers[0].ports[0].hostPort'
    }

    It 'audits a whole text and a kind List too' {
        $list = "apiVersion: v1`nitems:`n- apiVersion: v1`n  kind: Pod`n  metadata: {name: a, namespace: n}`n  spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}`nkind: List`n"

        $findings = @($list | Get-PodThreat -RuleId KP002)

        $findings.Count | Should -Be 1
        "$($findings[0].Target.Namespace)/Pod/$($findings[0].Target.Name)" | Should -BeExactly 'n/Pod/a'
    }

    It 'binds -LiteralPath from the PSPath of pipeline objects' {
        $findings = @([pscustomobject]@{ PSPath = (Get-Fixture KP012) } | Get-PodThreat -RuleId KP012)

        $findings.Count | Should -Be 1
        $findings[0].RuleId | Should -BeExactly 'KP012'
    }

    It 'reports malformed YAML as a non-terminating error with file, line and column and audits the rest' {
        $broken = Join-Path $folder 'broken.yaml'
        Set-Content -LiteralPath $broken -NoNewline -Value ("apiVersion: v1`nkind: Pod`nmetadata: {name: [x`n---`n" + (Get-Content -Raw -LiteralPath (Get-Fixture KP002)))

        $run = Invoke-Captured { Get-PodThreat -LiteralPath $broken -RuleId KP002 }

        @($run.Output).Count | Should -Be 1
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLikeExactly 'InvalidManifestSyntax,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        $run.Errors[0].Exception.Message | Should -Match 'broken\.yaml:\d+:\d+: Malformed YAML'
    }

    It 'writes pod security levels as objects with a table view' {
        $levels = @(Get-PodThreat -Path (Get-Fixture KP001 pass.yaml), (Get-Fixture KP010) -PodSecurityLevel)

        @($levels | ForEach-Object { $_.Level.ToString() }) | Should -Be @('Restricted', 'Privileged')
        $levels[0].PSObject.TypeNames | Should -Contain 'ContainerSecurity.PodSecurityAssessment'

        $shown = Get-PodThreat -Path (Get-Fixture KP010) -PodSecurityLevel | Format-AsUserSees
        $shown | Should -Match 'Level\s+Target\s+Keeps it from the next level'
        $shown | Should -Match 'Privileged\s+\S+\s+hostNamespaces'
    }

    It 'keeps a pod security assessment through a CliXml round trip' {
        $copy = @(ConvertTo-CliXmlCopy (Get-PodThreat -Path (Get-Fixture KP010) -PodSecurityLevel) -Depth 3)

        $copy.Count | Should -Be 1
        $copy[0].PSObject.TypeNames[0] | Should -BeExactly 'Deserialized.ContainerSecurity.PodSecurityAssessment'
        $copy[0].Level.ToString() | Should -BeExactly 'Privileged'
        $copy | Format-AsUserSees | Should -Match 'Privileged\s+\S+\s+hostNamespaces'
    }

    It 'reports passes with -IncludePassed and shows waived findings as waived' {
        $passed = @(Get-PodThreat -Path (Get-Fixture KP001 pass.yaml) -IncludePassed | Where-Object Status -eq 'Pass')
        $passed.Count | Should -BeGreaterThan 30

        Get-PodThreat -Path (Get-Fixture KP039 pass.yaml) -RuleId KP002 | Format-AsUserSees |
            Should -Match "Fail\s+Critical\s+KP002\s+.*\[waived\] Container 'app' runs privileged"
    }

    It 'audits a live cluster through the kubeconfig and reports a forbidden namespace as an error' {
        $server = Start-TestApiServer
        try {
            $server.Add('v1', 'Pod', 'pods', '{"metadata":{"name":"web","namespace":"shop"},"spec":{"containers":[{"name":"app","image":"app:1","securityContext":{"privileged":true}}]}}')
            $server.Add('v1', 'Pod', 'pods', '{"metadata":{"name":"vault","namespace":"secret"},"spec":{"containers":[{"name":"app","image":"app:1","securityContext":{"privileged":true}}]}}')
            $server.Forbid('secret')
            $kubeconfig = $server.WriteKubeConfig($folder)

            $run = Invoke-Captured { Get-PodThreat -KubeConfig $kubeconfig -Namespace shop, secret -RuleId KP002 -PageSize 1 }
        }
        finally {
            $server.Dispose()
        }

        @($run.Output).Count | Should -Be 1
        $target = $run.Output[0].Target
        "$($target.Namespace)|$($target.Kind)|$($target.Name)|$($target.Container)" | Should -BeExactly 'shop|Pod|web|app'
        $null -eq $target.File | Should -BeTrue -Because 'a live object has no file'
        $run.Errors | Should -Not -BeNullOrEmpty
        foreach ($failure in $run.Errors) {
            $failure.FullyQualifiedErrorId | Should -BeLikeExactly 'ClusterForbidden,*'
            $failure.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::PermissionDenied)
        }
    }

    It 'stops on a missing kubeconfig' {
        $file = Join-Path $folder 'nope'
        $caught = try { Get-PodThreat -KubeConfig $file; 'not stopped' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }

        $caught[0] | Should -BeExactly 'ClusterConfigurationInvalid,ContainerSecurity.Commands.GetPodThreatCommand'
        $caught[1] | Should -BeLikeExactly '*nope*'
    }
}
