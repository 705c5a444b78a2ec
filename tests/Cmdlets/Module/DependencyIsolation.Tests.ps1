BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

# What powershell-yaml does: YamlDotNet 11 loaded into the default load context before our module is imported. That
# needs a session where nothing has loaded the module yet, so it runs in a child pwsh that reports what it saw as JSON.
Describe 'The module next to a foreign YamlDotNet' {
    BeforeAll {
        $fixtures = Get-RepositoryPath tests fixtures
        $script = @'
param($ForeignYaml, $Manifest, $Fixtures)
$ErrorActionPreference = 'Stop'
Add-Type -LiteralPath $ForeignYaml
$foreign = [YamlDotNet.Serialization.Deserializer]::new().Deserialize[System.Collections.Generic.Dictionary[string, string]]('a: b')
$foreignMajor = [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version.Major
Import-Module $Manifest
$rules = @(Get-ContainerSecurityRule).Count
$copies = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object {
    [pscustomobject]@{ Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name; Major = $_.GetName().Version.Major }
}
[pscustomobject]@{
    Foreign        = $foreign['a']
    ForeignMajor   = $foreignMajor
    Rules          = $rules
    Copies         = @($copies)
    KubeConfig     = @(Test-KubeConfig -Path "$Fixtures/kubeconfig/KC004/fail.yaml").RuleId
    RbacThreat     = @(Get-RbacThreat -Path "$Fixtures/rbac/KR001/fail.yaml").RuleId
    ClusterThreat  = @(Get-ClusterThreat -Path "$Fixtures/cluster/KC018/fail.yaml").RuleId
    RbacPermission = @(Get-RbacPermission -Path "$Fixtures/rbac/KR002/fail.yaml").Count
} | ConvertTo-Json -Depth 4 -Compress
'@
        $scriptFile = Join-Path (New-TestFolder) 'foreign-yaml.ps1'
        Set-Content -LiteralPath $scriptFile -Value $script
        $printed = & (Get-PwshPath) -NoProfile -NonInteractive -File $scriptFile `
            -ForeignYaml (Get-RepositoryPath out test-tools YamlDotNet-11.2.1 YamlDotNet.dll) `
            -Manifest (Get-RepositoryPath out ContainerSecurity ContainerSecurity.psd1) -Fixtures $fixtures 2>&1
        $exitCode = $LASTEXITCODE
        $seen = if ($exitCode -eq 0) { ($printed | Select-Object -Last 1) | ConvertFrom-Json }
    }
    AfterAll { Remove-Item -LiteralPath (Split-Path $scriptFile) -Recurse -Force }

    It 'loads the foreign YamlDotNet 11 first, as powershell-yaml would' {
        $exitCode | Should -Be 0 -Because ($printed -join [Environment]::NewLine)
        $seen.Foreign | Should -Be 'b'
        $seen.ForeignMajor | Should -Be 11
    }

    It 'parses YAML with its own YamlDotNet 18 in its private load context' {
        # The catalog is read from YAML front matter: this works only if the engine got a YamlDotNet it can use.
        $seen.Rules | Should -BeGreaterThan 0
        $ours = @($seen.Copies | Where-Object Context -eq 'ContainerSecurity.Engine')
        $ours.Count | Should -Be 1
        $ours[0].Major | Should -Be 18
        @($seen.Copies | Where-Object Context -eq 'Default').Count | Should -BeGreaterThan 0
    }

    It 'runs the cluster cmdlets, which parse YAML too' {
        $seen.KubeConfig | Should -Be @('KC004')
        $seen.RbacThreat | Should -Be @('KR001')
        $seen.ClusterThreat | Should -Be @('KC018')
        $seen.RbacPermission | Should -BeGreaterThan 0
    }
}

Describe 'Load contexts and public types' {
    It 'loads the engine and its libraries in the private context, the cmdlets and models in the default one' {
        $null = Get-ContainerSecurityRule -Id KP001
        $contextOf = {
            param($name)
            $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name } | Select-Object -First 1
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name
        }

        & $contextOf 'ContainerSecurity.Engine' | Should -Be 'ContainerSecurity.Engine'
        & $contextOf 'ContainerSecurity.Models' | Should -Be 'Default'
        & $contextOf 'ContainerSecurity' | Should -Be 'Default'
    }

    It 'exposes no third-party type on any public property' {
        $own = 'ContainerSecurity', 'ContainerSecurity.Models'
        $assemblies = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $own -contains $_.GetName().Name })
        $assemblies.Count | Should -Be 2
        $offenders = foreach ($assembly in $assemblies) {
            foreach ($type in $assembly.GetExportedTypes()) {
                foreach ($member in $type.GetProperties()) {
                    $t = $member.PropertyType
                    while ($t.HasElementType) { $t = $t.GetElementType() }
                    $name = $t.Assembly.GetName().Name
                    if ($name -notmatch '^(System|mscorlib|netstandard|ContainerSecurity)') { "$($type.FullName).$($member.Name): $($t.FullName)" }
                }
            }
        }

        $offenders | Should -BeNullOrEmpty
    }
}
