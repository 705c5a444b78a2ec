# A manifest path or kubeconfig that holds nothing to audit is an error, never an empty (clean-looking) result.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $folder = New-TestFolder
    Set-Content -LiteralPath (Join-Path $folder 'braces.yaml') -Value '{}'
    Set-Content -LiteralPath (Join-Path $folder 'comment.yaml') -Value '# only a comment'
    New-Item -ItemType File -Path (Join-Path $folder 'empty.yaml') | Out-Null
    New-Item -ItemType Directory -Path (Join-Path $folder 'no-manifests') | Out-Null
    Set-Content -LiteralPath (Join-Path $folder 'no-manifests' 'notes.yaml') -Value 'owner: platform-team'
    Set-Content -LiteralPath (Join-Path $folder 'configmap.yaml') -Value "apiVersion: v1`nkind: ConfigMap`nmetadata: {name: settings}"
}
AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }

Describe '<Command> on a path without a Kubernetes object' -ForEach @(
    @{ Command = 'Get-PodThreat' }, @{ Command = 'Get-RbacThreat' }, @{ Command = 'Get-ClusterThreat' }) {
    It 'is an error naming <Name>' -ForEach @(
        @{ Name = 'braces.yaml' }, @{ Name = 'comment.yaml' }, @{ Name = 'empty.yaml' }, @{ Name = 'no-manifests' }) {
        $path = Join-Path $folder $Name
        $result = Invoke-Captured { & $Command -Path $path }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.FullyQualifiedErrorId | Should -BeLike "NoKubernetesObject,*"
        $result.Errors.Exception.Message | Should -BeLike "*$Name*nothing was audited*"
    }

    It 'audits the other paths of the same call' {
        $result = Invoke-Captured { & $Command -Path (Join-Path $folder 'empty.yaml'), (Get-RepositoryPath examples kubernetes) }
        @($result.Errors).Count | Should -Be 1
    }

    It 'accepts a manifest whose only object has nothing for this audit' {
        $result = Invoke-Captured { & $Command -Path (Join-Path $folder 'configmap.yaml') }
        $result.Errors | Should -BeNullOrEmpty
    }
}

Describe 'Test-KubeConfig on a kubeconfig without clusters or users' {
    It 'is an error naming <Name>, and -Quiet is $false' -ForEach @(
        @{ Name = 'braces.yaml' }, @{ Name = 'comment.yaml' }, @{ Name = 'empty.yaml' }) {
        $path = Join-Path $folder $Name
        $result = Invoke-Captured { Test-KubeConfig -Path $path }
        $result.Errors.FullyQualifiedErrorId | Should -BeLike 'EmptyKubeConfig,*'
        $result.Errors.Exception.Message | Should -BeLike "*$Name*nothing was audited*"
        Test-KubeConfig -Path $path -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
    }
}
