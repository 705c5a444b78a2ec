BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')
}

Describe 'Get-DockerfileThreat and Get-ContainerThreat' {
    It 'gives Dockerfile findings their file, line and stage and reports a bad line as a non-terminating error' {
        $folder = New-TestFolder
        Set-Content -LiteralPath (Join-Path $folder 'Dockerfile') -NoNewline -Value "FROM node AS build`nRUN npm ci`nFROBNICATE`nFROM node:20-slim`nUSER root`nCMD [`"node`", `"app.js`"]`n"
        try {
            $run = Invoke-Captured { Get-DockerfileThreat -Path $folder }
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }

        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeExactly 'DockerfileSyntaxError,ContainerSecurity.Commands.Docker.GetDockerfileThreatCommand'
        $run.Errors[0].ToString() | Should -BeLikeExactly '*Dockerfile:3:1*'
        @($run.Output | Where-Object { $_.RuleId -ceq 'DI002' -and $_.Target.Line -eq 1 -and $_.Target.Name -ceq 'build' }) | Should -Not -BeNullOrEmpty
        @($run.Output | Where-Object { $_.RuleId -ceq 'DI001' -and $_.Target.Line -eq 5 -and $_.Status.ToString() -ceq 'Fail' }) | Should -Not -BeNullOrEmpty
        @($run.Output | Where-Object { $_.Status.ToString() -ceq 'Pass' }) | Should -BeNullOrEmpty
    }

    It 'stops <Cmdlet> with a -RuleId that selects no rule instead of reporting a clean result' -ForEach @(
        @{ Cmdlet = 'GetContainerThreatCommand'; Command = { Get-ContainerThreat -Path $path -RuleId NOPE* }; Path = 'inspect-web.json' }
        @{ Cmdlet = 'GetDockerfileThreatCommand'; Command = { Get-DockerfileThreat -Path $path -RuleId DC001 }; Path = 'Dockerfile' }
    ) {
        $path = Get-RepositoryPath examples docker $Path

        $run = Invoke-Captured $Command

        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeExactly "NoRuleSelected,ContainerSecurity.Commands.Docker.$Cmdlet"
    }

    It 'keeps secrets in inspected command lines out of the findings' {
        $folder = New-TestFolder
        $inspect = (Get-Content -Raw -LiteralPath (Get-RepositoryPath examples docker inspect-web.json)).Replace('"Path": "', '"Path": "postgres --password=hunter2-secret-value ')
        Set-Content -LiteralPath (Join-Path $folder 'inspect.json') -Value $inspect -NoNewline
        try {
            $rendered = (Get-ContainerThreat -Path (Join-Path $folder 'inspect.json') -IncludePassed | ForEach-Object { $_.Message; $_.Evidence.Observed }) -join "`n"
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force
        }

        $rendered | Should -BeLikeExactly '*--password=`*`*`*`*`*`*`*`**'
        $rendered | Should -Not -BeLikeExactly '*hunter2-secret-value*'
    }

    It 'audits inspect files offline and narrows the rules with -RuleId' {
        $file = Get-RepositoryPath tests fixtures docker-containers DC005 fail.json

        $findings = @(Get-ContainerThreat -Path $file -RuleId DC00* -IncludePassed)

        $findings | Should -Not -BeNullOrEmpty
        foreach ($finding in $findings) { $finding.RuleId | Should -BeLikeExactly 'DC00*' }
        @($findings | Where-Object { $_.RuleId -ceq 'DC005' -and $_.Status.ToString() -ceq 'Fail' -and $_.Target.File -ceq $file }) | Should -Not -BeNullOrEmpty
    }

    It 'ends the command with an error naming an unreachable daemon, and the script goes on' {
        $caught = $null
        $output = $null
        try { $output = Get-ContainerThreat -DockerHost unix:///nonexistent/docker.sock -TimeoutSec 5 } catch { $caught = $_ }
        $after = 'after'

        $caught | Should -Not -BeNullOrEmpty -Because 'the error is terminating: no container list, no audit'
        $caught.FullyQualifiedErrorId | Should -BeExactly 'DockerUnreachable,ContainerSecurity.Commands.Docker.GetContainerThreatCommand'
        $caught.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ConnectionError)
        $caught.ToString() | Should -BeLikeExactly '*unix:///nonexistent/docker.sock*'
        $output | Should -BeNullOrEmpty
        $after | Should -Be 'after'
    }

    It 'selects live containers by name from the pipeline and reports unknown names' {
        $daemon = Start-TestDockerDaemon
        if (Skip-WithoutComponent dockerd $daemon) { return }
        try {
            $image = $daemon.ImportBusyboxImage()
            $null = $daemon.Docker('run', '-d', '--name', 'web1', '-e', 'API_KEY=abcdefabcdef', $image)
            $null = $daemon.Docker('run', '-d', '--name', 'db1', $image)
            $null = $daemon.Docker('create', '--name', 'stopped1', $image)
            $hostAddress = $daemon.Endpoint

            $run = Invoke-Captured { [pscustomobject]@{ Name = 'web*' }, [pscustomobject]@{ Name = 'nosuch' } | Get-ContainerThreat -DockerHost $hostAddress }
            $running = @(Get-ContainerThreat -DockerHost $hostAddress -RuleId DC013 | ForEach-Object { $_.Target.Name } | Get-OrdinalSorted -Unique)
            $all = @(Get-ContainerThreat -DockerHost $hostAddress -RuleId DC013 -All | ForEach-Object { $_.Target.Name })
            $images = @(Get-DockerfileThreat -Image 'cs-test/*' -DockerHost $hostAddress)
        }
        finally {
            $daemon.Dispose()
        }

        $run.Output | Should -Not -BeNullOrEmpty
        foreach ($finding in $run.Output) { $finding.Target.Name | Should -BeExactly 'web1' }
        $run.Output.RuleId | Should -Contain 'DC031'
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeExactly 'ContainerNotFound,ContainerSecurity.Commands.Docker.GetContainerThreatCommand'
        $running | Should -Be @('db1', 'web1')
        $all | Should -Contain 'stopped1'
        @($images | Where-Object { $_.RuleId -ceq 'DI001' -and $_.Target.Kind -ceq 'Image' -and $_.Status.ToString() -ceq 'Fail' }) | Should -Not -BeNullOrEmpty
        $images.RuleId | Should -Contain 'DI007'
    }

    It 'renders findings as a user sees them' {
        $file = Get-RepositoryPath tests fixtures dockerfiles DI013 fail.Dockerfile

        $run = Invoke-Captured { Get-DockerfileThreat -LiteralPath $file | Format-Table RuleId, Severity, Message -AutoSize | Format-AsUserSees }

        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeLikeExactly '*DI013*'
        $run.Output | Should -BeLikeExactly '*curl … | bash*'
    }
}
