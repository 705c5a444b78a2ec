BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

# The cluster audits against the test API server on 127.0.0.1, through a kubeconfig, as a user runs them.
Describe 'Cluster audits of a live cluster' {
    BeforeEach {
        $server = Start-TestApiServer
        $folder = New-TestFolder
        $kubeconfig = $server.WriteKubeConfig($folder)
        $rbac = 'rbac.authorization.k8s.io/v1'
        $server.Add($rbac, 'ClusterRole', 'clusterroles', '{"metadata":{"name":"secret-reader"},"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list"]}]}')
        $server.Add($rbac, 'ClusterRoleBinding', 'clusterrolebindings', '{"metadata":{"name":"agent-secrets"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"secret-reader"},"subjects":[{"kind":"ServiceAccount","name":"agent","namespace":"monitoring"}]}')
        $server.Add($rbac, 'ClusterRoleBinding', 'clusterrolebindings', '{"metadata":{"name":"everyone-admin"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"Group","name":"system:authenticated","apiGroup":"rbac.authorization.k8s.io"}]}')
        $server.Add($rbac, 'Role', 'roles', '{"metadata":{"name":"exec","namespace":"shop"},"rules":[{"apiGroups":[""],"resources":["pods/exec"],"verbs":["create"]}]}')
        $server.Add($rbac, 'RoleBinding', 'rolebindings', '{"metadata":{"name":"support-exec","namespace":"shop"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"exec"},"subjects":[{"kind":"User","name":"support@example.com","apiGroup":"rbac.authorization.k8s.io"}]}')
        $server.Add('v1', 'Namespace', 'namespaces', '{"metadata":{"name":"shop","labels":{"pod-security.kubernetes.io/enforce":"restricted"}}}')
        $server.Add('v1', 'Namespace', 'namespaces', '{"metadata":{"name":"empty"}}')
        $server.Add('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', '{"metadata":{"name":"deny","namespace":"shop"},"spec":{"podSelector":{},"policyTypes":["Ingress","Egress"]}}')
        $server.Add('v1', 'LimitRange', 'limitranges', '{"metadata":{"name":"limits","namespace":"shop"},"spec":{"limits":[{"type":"Container","default":{"memory":"512Mi"}}]}}')
        $server.Add('v1', 'ResourceQuota', 'resourcequotas', '{"metadata":{"name":"quota","namespace":"shop"},"spec":{"hard":{"pods":"50"}}}')
        $server.Add('v1', 'Pod', 'pods', '{"metadata":{"name":"kube-apiserver-cp-1","namespace":"kube-system"},"spec":{"containers":[{"name":"kube-apiserver","image":"registry.k8s.io/kube-apiserver:v1.31.2","command":["kube-apiserver","--authorization-mode=Node,RBAC","--anonymous-auth=false","--profiling=false","--token-auth-file=/etc/kubernetes/tokens.csv"]}]}}')
    }
    AfterEach {
        $server.Dispose()
        Remove-Item -LiteralPath $folder -Recurse -Force
    }

    It 'aggregates the RBAC threats by subject' {
        $lines = @(Get-RbacThreat -KubeConfig $kubeconfig |
                ForEach-Object { ($_.RuleId + ' ' + $_.Target.Name + ' ' + $_.Target.Namespace + ' ' + [string]$_.Target.File).TrimEnd() })

        $lines | Should -Contain 'KR002 system:serviceaccount:monitoring:agent'
        $lines | Should -Contain 'KR012 system:authenticated'
        $lines | Should -Contain 'KR006 support@example.com shop'
        @($server.Requests | Where-Object { $_.StartsWith('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', [System.StringComparison]::Ordinal) }) | Should -Not -BeNullOrEmpty
        @($server.Requests | Where-Object { $_.StartsWith('/apis/rbac.authorization.k8s.io/v1/rolebindings', [System.StringComparison]::Ordinal) }) | Should -Not -BeNullOrEmpty
    }

    It 'answers who can exec in shop' {
        $subjects = Get-RbacPermission -KubeConfig $kubeconfig -Verb create -Resource pods/exec -Namespace shop | ForEach-Object Subject

        @($subjects | Get-OrdinalSorted -Unique) | Should -Be @('support@example.com', 'system:authenticated')
    }

    It 'judges every namespace and the mirror pods of the control plane' {
        $lines = @(Get-ClusterThreat -KubeConfig $kubeconfig | ForEach-Object { $_.RuleId + ' ' + $_.Target.Name })

        $lines | Should -Contain 'KN001 empty'
        $lines | Should -Contain 'KN005 empty'
        @($lines | Where-Object { $_.EndsWith(' shop', [System.StringComparison]::Ordinal) }) | Should -BeNullOrEmpty
        $lines | Should -Contain 'KC011 kube-apiserver-cp-1'
        $lines | Should -Contain 'KC009 kube-apiserver-cp-1'
        $lines | Should -Not -Contain 'KC007 kube-apiserver-cp-1'
    }

    It 'reports a refused listing as errors and writes nothing it could not read' {
        $server.Forbid([NullString]::Value)   # every namespace and the cluster scope; $null would arrive as ""

        $run = Invoke-Captured { Get-RbacThreat -KubeConfig $kubeconfig }

        $run.Errors | Should -Not -BeNullOrEmpty
        foreach ($failure in $run.Errors) { $failure.FullyQualifiedErrorId | Should -BeLikeExactly 'ClusterForbidden,*' }
        $run.Output | Should -BeNullOrEmpty
    }

    It 'warns with Test-KubeConfig about the test server''s own kubeconfig' {
        @(Test-KubeConfig -Path $kubeconfig | ForEach-Object RuleId) | Should -Be @('KC003', 'KC005')
    }
}
