# The source manifest. The build copies it to out/ContainerSecurity/ with the version filled in.
@{
    RootModule           = 'ContainerSecurity.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '6f0f4a52-3d7b-4a57-9a2e-2f6a4e0c9b1d'
    Author               = 'ContainerSecurity contributors'
    CompanyName          = 'ContainerSecurity contributors'
    Copyright            = '(c) ContainerSecurity contributors. MIT License.'
    Description          = 'Finds security threats in Docker and Kubernetes, classifies them by STRIDE, and writes the threat-model cheat sheet.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('ContainerSecurity.Format.ps1xml')
    # Loaded before the types file, which names the model enums as targets for rehydration.
    RequiredAssemblies   = @('ContainerSecurity.Models.dll')
    TypesToProcess       = @('ContainerSecurity.Types.ps1xml')
    # The Pester integration (Invoke-ContainerSecurityTest, Install-ContainerSecurityTest, the Should operators) is
    # script: it drives Pester's own functions. Pester itself is not required; it is loaded when a test runs.
    NestedModules        = @('ContainerSecurity.Pester.psm1')
    CmdletsToExport      = @(
        'Get-ContainerSecurityRule'
        'Get-PodThreat'
        'Test-DockerDaemonConfig'
        'Get-DockerDaemonConfig'
        'Test-KubeConfig'
        'Get-RbacThreat'
        'Get-RbacPermission'
        'Get-ClusterThreat'
        'Test-ManagementEndpoint'
        'Export-ThreatCheatSheet'
        'Export-ContainerSecurityReport'
        'ConvertTo-ContainerSecurityReport'
        'Assert-ContainerSecurityFinding'
        'Get-ContainerThreat'
        'Get-DockerfileThreat'
    )
    FunctionsToExport    = @(
        'Invoke-ContainerSecurityTest'
        'Install-ContainerSecurityTest'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Docker', 'Kubernetes', 'Security', 'STRIDE', 'ThreatModel', 'CIS', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
        }
    }
}
