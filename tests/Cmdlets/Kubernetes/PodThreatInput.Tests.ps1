# real manifests are read as Kubernetes reads them, and broken ones are named with file:line:column.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $script:folder = New-TestFolder
    function New-Manifest([string] $Name, [string] $Text) {
        $path = Join-Path $script:folder $Name
        [System.IO.File]::WriteAllText($path, $Text)
        $path
    }
}
AfterAll { Remove-Item -LiteralPath $script:folder -Recurse -Force }

Describe 'Get-PodThreat reads manifests as Kubernetes does' {
    It 'audits a helm-style block scalar whose first line holds only spaces (istio loki.yaml)' {
        $path = New-Manifest 'loki.yaml' "apiVersion: v1`nkind: ConfigMap`nmetadata:`n  name: loki`ndata:`n  config.yaml: |`n    `n    auth_enabled: false`n---`napiVersion: v1`nkind: Pod`nmetadata: {name: p}`nspec:`n  hostPID: true`n  containers: [{name: a, image: a:1}]`n"
        $errors = $null
        $findings = Get-PodThreat -Path $path -RuleId KP010 -ErrorVariable errors
        $errors.Count | Should -Be 0
        $findings.RuleId | Should -Be 'KP010'
    }

    It 'honours an explicit !!bool tag as kubectl does (KP011)' {
        $path = New-Manifest 'tag.yaml' "apiVersion: v1`nkind: Pod`nmetadata: {name: p}`nspec:`n  hostIPC: !!bool `"true`"`n  containers: [{name: a, image: a:1}]`n"
        $errors = $null
        (Get-PodThreat -Path $path -RuleId KP011 -ErrorVariable errors).RuleId | Should -Be 'KP011'
        $errors.Count | Should -Be 0
    }

    It 'reports metadata "str" and spec [1, 2] as errors with file:line:column and audits the other documents' {
        $path = New-Manifest 'shape.yaml' "apiVersion: v1`nkind: Pod`nmetadata: `"str`"`nspec:`n  containers: [{name: a, image: a:1}]`n---`napiVersion: v1`nkind: Pod`nmetadata: {name: q}`nspec: [1, 2]`n---`napiVersion: v1`nkind: Pod`nmetadata: {name: ok}`nspec:`n  hostPID: true`n  containers: [{name: a, image: a:1}]`n"
        $errors = $null
        $findings = Get-PodThreat -Path $path -RuleId KP010 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Exception.Message | Should -Contain "$($path):3:11: Pod (unnamed): metadata must be a mapping, not a string; Kubernetes rejects the object. The field is audited as unset."
        $errors.Exception.Message | Should -Contain "$($path):10:7: Pod q: spec must be a mapping, not a sequence; Kubernetes rejects the object. Its pod spec cannot be read, so it was not audited."
        $findings.Target.Name | Should -Be 'ok'
    }

    It 'names malformed YAML with the parser''s message and file:line:column' {
        $path = New-Manifest 'bad.yaml' "apiVersion: v1`nkind: Pod`nmetadata: {name: p}`nspec:`n  containers: [a`n"
        $errors = $null
        Get-PodThreat -Path $path -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeLike "$($path):6:1: Malformed YAML: While parsing a flow sequence*"
        $errors[0].Exception.Message | Should -Not -BeLike '*Operation is not valid*'
    }
}

Describe 'Pod-level and container-level settings give one answer' {
    It 'a pod-level Unconfined seccomp profile fails KP023 as -PodSecurityLevel fails baseline' {
        $path = New-Manifest 'seccomp.yaml' "apiVersion: v1`nkind: Pod`nmetadata: {name: p}`nspec:`n  securityContext:`n    seccompProfile: {type: Unconfined}`n  containers:`n  - name: c`n    image: a:1`n    securityContext:`n      seccompProfile: {type: RuntimeDefault}`n"
        (Get-PodThreat -Path $path -RuleId KP023).Target.FieldPath | Should -Be 'spec.securityContext.seccompProfile.type'
        (Get-PodThreat -Path $path -PodSecurityLevel).BaselineViolations | Should -Contain 'seccompProfile_baseline: spec.securityContext.seccompProfile.type'
    }

    It 'KP004 says the container sets false while the pod sets true' {
        $path = New-Manifest 'nonroot.yaml' "apiVersion: v1`nkind: Pod`nmetadata: {name: p}`nspec:`n  securityContext: {runAsNonRoot: true}`n  containers:`n  - name: c`n    image: a:1`n    securityContext: {runAsNonRoot: false}`n"
        (Get-PodThreat -Path $path -RuleId KP004).Message | Should -BeLike '*runAsNonRoot is false on the container and true on the pod*'
    }
}
