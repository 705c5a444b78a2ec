BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    $cmdlets = (Get-Command -Module ContainerSecurity).Name
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
    [System.Threading.Thread]::CurrentThread.CurrentUICulture = 'en-US'

    function Get-HelpText($Value) {
        # Help paragraphs are objects with a Text property (one per paragraph).
        (@($Value) | ForEach-Object { if ($null -ne $_.PSObject.Properties['Text']) { $_.Text } else { [string]$_ } }) -join "`n"
    }
}

# Every exported cmdlet has help compiled from docs/en-US: synopsis, description, every parameter, two examples.
Describe 'Help of <_>' -ForEach $cmdlets {
    BeforeAll {
        $cmdlet = $_
        $help = Get-Help -Name $cmdlet -Full
    }

    It 'has a synopsis and a description' {
        @($help).Count | Should -Be 1
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeNullOrEmpty
        $help.Synopsis.Contains("$cmdlet [", [System.StringComparison]::Ordinal) |
            Should -BeFalse -Because "the syntax is the engine's stand-in synopsis when no help is found"
        (Get-HelpText $help.description).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $declared = (Get-Command -Name $cmdlet).Parameters.Keys | Where-Object { $_ -notin $common }
        $documented = @{}
        foreach ($parameter in @($help.parameters.parameter)) {
            if ($parameter) { $documented[$parameter.name] = Get-HelpText $parameter.description }
        }

        $declared | Should -Not -BeNullOrEmpty
        foreach ($parameter in $declared) {
            $documented[$parameter] | Should -Not -BeNullOrEmpty -Because "$cmdlet -$parameter needs a description in its help"
            $documented[$parameter].Trim() | Should -Not -BeNullOrEmpty -Because "$cmdlet -$parameter needs a description in its help"
        }
    }

    It 'has at least two examples that use it' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -BeLike "*$cmdlet*"
        }
    }
}

Describe 'Help as a user reads it' {
    It 'renders the full help of a cmdlet' {
        $text = Get-Help Get-ContainerSecurityRule -Full | Format-AsUserSees

        $text | Should -BeLikeExactly '*SYNOPSIS*'
        $text | Should -BeLikeExactly '*Gets the threats of the ContainerSecurity rule catalog.*'
        $text | Should -BeLikeExactly '*-Stride <StrideCategory`[`]>*'
        $text | Should -BeLikeExactly '*Example 1*'
    }

    It 'installs the about topic' {
        Get-Help about_ContainerSecurity | Format-AsUserSees | Should -BeLikeExactly '*STRIDE*'
    }
}
