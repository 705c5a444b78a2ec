BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')

    # Built the way a script (or a future audit) would: every public model type appears once.
    $finding = [ContainerSecurity.Finding]@{
        RuleId = 'KP001'; Title = 'Container does not drop the NET_RAW capability'; Status = 'Fail'; Severity = 'High'
        Stride = [ContainerSecurity.StrideCategory[]]@('Spoofing'); Platform = 'Kubernetes'; Asset = 'Pod'
        Target = [ContainerSecurity.FindingTarget]@{ File = 'k8s/web.yaml'; Line = 7; Namespace = 'shop'; Kind = 'Deployment'; Name = 'web'; Container = 'nginx'; FieldPath = 'spec.template.spec.containers[0].securityContext' }
        Message = 'NET_RAW is not dropped'; Remediation = 'Drop ALL capabilities.'
        Evidence = [ContainerSecurity.Evidence]::new('capabilities.drop: (unset)', 'drop contains ALL or NET_RAW', 'k8s/web.yaml:12')
        References = [ContainerSecurity.RuleReference[]]@([ContainerSecurity.RuleReference]::new('CIS Kubernetes', '5.2.8', $null))
        Waiver = [ContainerSecurity.Waiver]@{ Reason = 'needs ping'; Expires = [datetime]'2030-01-01'; Container = 'nginx' }
    }
}

# What a remoting session or Start-Job hands back: CliXml copies, with their properties and the module's views.
Describe 'CliXml round trips of the public types' {
    It 'keeps a rule and its properties' {
        $copy = ConvertTo-CliXmlCopy (Get-ContainerSecurityRule -Id KP001) -Depth 3

        @($copy).Count | Should -Be 1
        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.ContainerSecurity.SecurityRule'
        $copy.Id | Should -Be 'KP001'
        $copy.Severity.ToString() | Should -Be 'High'
        "$($copy.References)" | Should -Not -BeNullOrEmpty
        "$($copy.Snippets)" | Should -BeLikeExactly '*drop*'
    }

    It 'renders deserialized rules with the same table view' {
        $run = Invoke-Captured { ConvertTo-CliXmlCopy (Get-ContainerSecurityRule -Id KP001) | Format-AsUserSees }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Match 'KP001\s+High\s+Kubernetes\s+Spoofing\s+Automated'
    }

    It 'keeps a finding and its nested types' {
        $copy = ConvertTo-CliXmlCopy $finding -Depth 3

        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.ContainerSecurity.Finding'
        $copy.RuleId | Should -Be 'KP001'
        $copy.IsWaived | Should -BeExactly $true
        $copy.Target.PSObject.TypeNames[0] | Should -Be 'Deserialized.ContainerSecurity.FindingTarget'
        $copy.Target.Line | Should -BeExactly 7
        $copy.Target.ToString() | Should -BeExactly 'k8s/web.yaml:7 shop/Deployment/web[nginx]'
        $copy.Evidence.Source | Should -BeExactly 'k8s/web.yaml:12'
        $copy.Waiver.Reason | Should -BeExactly 'needs ping'
    }

    It 'renders <Expression> as a table before and after a round trip' -ForEach @(
        @{ Expression = '$finding'; Expected = 'Fail\s+High\s+KP001\s+k8s/web.yaml:7 shop/Deployment/web\[nginx\]\s+\[waived\] NET_RAW is not dropped' }
        @{ Expression = '$finding.Target'; Expected = 'Deployment\s+shop\s+web\s+nginx\s+k8s/web.yaml:7' }
        @{ Expression = '$finding.Evidence'; Expected = 'capabilities.drop: \(unset\)\s+drop contains ALL or NET_RAW\s+k8s/web.yaml:12' }
        @{ Expression = '$finding.References'; Expected = 'CIS Kubernetes\s+5.2.8' }
        @{ Expression = '$finding.Waiver'; Expected = 'needs ping\s+2030-01-01\s+nginx\s+False' }
        @{ Expression = '(Get-ContainerSecurityRule -Id KP001).Snippets'; Expected = 'yaml\s+securityContext:' }
    ) {
        $value = Invoke-Expression $Expression
        $direct = Invoke-Captured { $value | Format-AsUserSees }
        $deserialized = Invoke-Captured { ConvertTo-CliXmlCopy $value -Depth 3 | Format-AsUserSees }

        $direct.Output | Should -Match $Expected
        $deserialized.Output | Should -Match $Expected
        @($direct.Errors) + @($deserialized.Errors) | Should -BeNullOrEmpty
    }
}
