BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $fixtures = Get-RepositoryPath tests fixtures rbac
}

Describe 'Get-RbacThreat and Get-RbacPermission from files and text' {
    It 'names the subject of findings from a folder and filters by rule' {
        $findings = @(Get-RbacThreat -Path $fixtures -RuleId KR002, KR003 | ForEach-Object { $_.RuleId + ' ' + $_.Target.Name + ' ' + $_.Target.Namespace })

        $findings | Should -Contain 'KR002 system:serviceaccount:monitoring:agent '
        $findings | Should -Contain 'KR003 shop-developers shop'
        foreach ($finding in $findings) { $finding | Should -BeLikeExactly 'KR00*' }
    }

    It 'answers who can read secrets in a namespace in one pipeline' {
        $subjects = Get-RbacPermission -Path "$fixtures/KR002", "$fixtures/KR003" -Verb get -Resource secrets -Namespace shop | ForEach-Object Subject

        @($subjects | Get-OrdinalSorted -Unique) |
            Should -Be @('shop-developers', 'system:serviceaccount:monitoring:agent', 'system:serviceaccount:shop:orders-api')
    }

    It 'audits piped kubectl text' {
        $text = Get-Content -Raw -LiteralPath "$fixtures/KR012/fail.yaml"

        $findings = @($text -split "`n" | Get-RbacThreat | Where-Object RuleId -ceq 'KR012')

        $findings.Count | Should -Be 1
        $findings[0].Severity.ToString() | Should -BeExactly 'Critical'
    }

    It 'reports a bad object as an error naming its position and still reports the rest' {
        $yaml = "kind: ClusterRoleBinding`napiVersion: rbac.authorization.k8s.io/v1`nmetadata: {name: x}`nroleRef: {kind: Deployment, name: y}`n---`nkind: ClusterRoleBinding`napiVersion: rbac.authorization.k8s.io/v1`nmetadata: {name: ci-admin}`nroleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}`nsubjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]`n"

        $run = Invoke-Captured { $yaml | Get-RbacThreat }

        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLikeExactly 'InvalidRbacObject,*'
        $run.Errors[0].ToString() | Should -BeLikeExactly "*(pipeline input):4:10: ClusterRoleBinding 'x': roleRef*"
        $run.Output.RuleId | Should -Contain 'KR001'
    }

    It 'renders permissions as a table and keeps them through a CliXml round trip' {
        $run = Invoke-Captured { Get-RbacPermission -Path "$fixtures/KR008/fail.yaml" | Format-AsUserSees }
        $copy = @(ConvertTo-CliXmlCopy (Get-RbacPermission -Path "$fixtures/KR008/fail.yaml")[0])

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeLikeExactly '*User helpdesk@example.com*'
        $run.Output | Should -BeLikeExactly '*impersonate*'
        $run.Output | Should -BeLikeExactly '*ClusterRoleBinding/helpdesk-impersonate -> ClusterRole/impersonator*'
        $copy.Count | Should -Be 1
        $copy[0].PSObject.TypeNames[0] | Should -BeExactly 'Deserialized.ContainerSecurity.RbacPermission'
        $copy[0].Subject | Should -BeExactly 'helpdesk@example.com'
    }
}
