<#
    The secret sweep: a distinct secret is planted in every kind of input (daemon.json, dockerd flags, docker inspect
    with health check, environment and command, a Dockerfile, Kubernetes manifests with env and annotations, a
    kubeconfig, a live-cluster kubeconfig), every output is collected (objects as JSON, Format-List *, Export-Clixml,
    every report and cheat-sheet format, the gate's error, the verbose, warning and error streams), and none of the
    secrets may appear anywhere.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'TestSupport.psm1')

    $script:folder = New-TestFolder
    $script:secrets = [ordered]@{}
    function New-Secret([string] $Where) {
        $value = 'Zq' + $Where + 'X' + [guid]::NewGuid().ToString('N').Substring(0, 10)
        $script:secrets[$Where] = $value
        $value
    }

    # daemon.json: a registry URL with a password, a logging token.
    $daemonJson = Join-Path $folder 'daemon.json'
    @{
        'insecure-registries' = @("http://user:$(New-Secret 'registry')@registry.example:5000")
        'log-driver'          = 'splunk'
        'log-opts'            = @{ 'splunk-token' = (New-Secret 'splunk'); 'splunk-url' = "https://splunk.example:8088/?token=$(New-Secret 'splunkquery')" }
    } | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $daemonJson
    $script:daemonArguments = @("-H tcp://admin:$(New-Secret 'daemonhost')@0.0.0.0:2375", "--tlsverify=false")

    # docker inspect: health check with curl -u, an environment secret, a command-line password.
    $container = @(Get-Content -Raw (Get-RepositoryPath tests fixtures docker-containers DC005 fail.json) | ConvertFrom-Json -AsHashtable)[0]
    $container['Name'] = '/sweep'
    $container['Config']['Healthcheck'] = @{ Test = @('CMD-SHELL', "curl -fsS -u probe:$(New-Secret 'healthcheck') http://localhost/health") }
    $container['Config']['Env'] = @("DB_PASSWORD=$(New-Secret 'containerenv')", 'PATH=/usr/bin')
    $container['Path'] = '/app/server'
    $container['Args'] = @('--password', (New-Secret 'containerargs'), "--upstream=https://svc:$(New-Secret 'containerurl')@api.example")
    $script:inspectFile = Join-Path $folder 'inspect.json'
    ConvertTo-Json -InputObject @($container) -Depth 12 | Set-Content -LiteralPath $inspectFile

    # Dockerfile: ENV and ARG secrets, a curl with a password, a URL with one.
    $script:dockerfile = Join-Path $folder 'Dockerfile'
    @"
FROM alpine:3.19
ARG NPM_TOKEN=$(New-Secret 'dockerfilearg')
ENV API_TOKEN=$(New-Secret 'dockerfileenv')
RUN curl -u deploy:$(New-Secret 'dockerfilecurl') https://artifacts.example/app.tgz | tar xz
RUN git clone https://ci:$(New-Secret 'dockerfilegit')@git.example/app.git
"@ | Set-Content -LiteralPath $dockerfile

    # Kubernetes manifest: env secret, an annotation with a credential URL, a probe with a password.
    $script:manifest = Join-Path $folder 'pod.yaml'
    @"
apiVersion: v1
kind: Pod
metadata:
  name: sweep
  annotations:
    backup: "s3://AKIA:$(New-Secret 'annotation')@bucket.example"
spec:
  containers:
    - name: app
      image: registry.example/app:1.0
      args: ["--db-password", "$(New-Secret 'podargs')"]
      env:
        - name: DB_PASSWORD
          value: "$(New-Secret 'podenv')"
        - name: UPSTREAM
          value: "https://svc:$(New-Secret 'podurl')@api.example"
"@ | Set-Content -LiteralPath $manifest

    # kubeconfig: a server URL with a password, a token, a client secret for an exec plugin.
    $script:kubeconfig = Join-Path $folder 'kubeconfig'
    @"
apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster:
      server: https://admin:$(New-Secret 'kubeserver')@127.0.0.1:1
      insecure-skip-tls-verify: true
  - name: plain
    cluster:
      server: http://ops:$(New-Secret 'kubehttp')@127.0.0.1:1
users:
  - name: prod-admin
    user:
      token: $(New-Secret 'kubetoken')
  - name: plugin
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: kubelogin
        args: ["get-token", "--client-secret=$(New-Secret 'kubeexec')"]
contexts:
  - name: prod
    context: { cluster: prod, user: prod-admin }
  - name: plain
    context: { cluster: plain, user: plugin }
current-context: prod
"@ | Set-Content -LiteralPath $kubeconfig

    function Assert-NoSecret([string] $Text, [string] $Output) {
        foreach ($entry in $script:secrets.GetEnumerator()) {
            if ($Text.Contains($entry.Value)) {
                throw "The secret planted in '$($entry.Key)' appears in $Output."
            }
        }
    }
}

AfterAll { Remove-Item -LiteralPath $script:folder -Recurse -Force -ErrorAction SilentlyContinue }

Describe 'No planted secret reaches any output' {
    BeforeAll {
        $streams = @(
            Test-DockerDaemonConfig -Path $daemonJson -DaemonArgument $daemonArguments -Verbose -ErrorAction SilentlyContinue 4>&1 3>&1 2>&1
            Get-DockerDaemonConfig -Path $daemonJson -DaemonArgument $daemonArguments -Verbose -ErrorAction SilentlyContinue 4>&1 3>&1 2>&1
            Get-ContainerThreat -Path $inspectFile -IncludePassed -Verbose -ErrorAction SilentlyContinue 4>&1 3>&1 2>&1
            Get-DockerfileThreat -Path $dockerfile -IncludePassed -Verbose -ErrorAction SilentlyContinue 4>&1 3>&1 2>&1
            Get-PodThreat -Path $manifest -IncludePassed -Verbose -ErrorAction SilentlyContinue 4>&1 3>&1 2>&1
            Test-KubeConfig -LiteralPath $kubeconfig -IncludePassed -Verbose -ErrorAction SilentlyContinue 4>&1 3>&1 2>&1
            foreach ($context in 'prod', 'plain') {
                # No API server answers there: the verbose lines and the (possibly terminating) errors are the output.
                try { Get-PodThreat -KubeConfig $kubeconfig -Context $context -TimeoutSec 5 -Verbose -ErrorAction SilentlyContinue 4>&1 3>&1 2>&1 }
                catch { $_ }
            }
        )
        $script:findings = @($streams | Where-Object { $_ -is [ContainerSecurity.Finding] })
        $script:settings = @($streams | Where-Object { $_ -is [ContainerSecurity.DaemonSetting] })
        $script:records = @($streams | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -or $_ -is [System.Management.Automation.InformationalRecord] })
        $script:everything = @($findings) + @($settings)
    }

    It 'audited every input (the sweep sees real output)' {
        $findings.Count | Should -BeGreaterThan 50
        $settings.Count | Should -BeGreaterThan 10
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterThan 0
        foreach ($rule in 'DD005', 'DD007', 'DC026', 'DC031', 'DI011', 'KC004') {
            $findings.RuleId | Should -Contain $rule
        }
    }

    It 'objects as JSON' {
        Assert-NoSecret ($everything | ConvertTo-Json -Depth 8) 'ConvertTo-Json'
    }

    It 'Format-List * and the default table' {
        Assert-NoSecret ($everything | Format-List * | Out-String -Width 4096) 'Format-List *'
        Assert-NoSecret ($findings | Out-String -Width 4096) 'the default table'
        Assert-NoSecret (($findings | Select-Object -ExpandProperty Evidence | Format-List * | Out-String -Width 4096) + ($findings.Target | Format-List * | Out-String -Width 4096)) 'Evidence and Target'
    }

    It 'Export-Clixml of findings, settings and error records' {
        $path = Join-Path $folder 'objects.clixml'
        $everything | Export-Clixml -LiteralPath $path -Depth 6
        Assert-NoSecret (Get-Content -Raw -LiteralPath $path) 'Export-Clixml of findings and settings'

        # Error records hold their invocation too; depth 3 reaches the exception chain and the target.
        $path = Join-Path $folder 'records.clixml'
        $records | Export-Clixml -LiteralPath $path -Depth 3
        Assert-NoSecret (Get-Content -Raw -LiteralPath $path) 'Export-Clixml of error records'
    }

    It 'every report and cheat-sheet format' {
        foreach ($format in 'Sarif', 'JUnit', 'Csv') {
            $path = Join-Path $folder "report.$format"
            $findings | Export-ContainerSecurityReport -LiteralPath $path -Format $format -Force
            Assert-NoSecret (Get-Content -Raw -LiteralPath $path) "the $format report"
        }

        foreach ($format in 'Markdown', 'Html', 'Json') {
            $path = Join-Path $folder "sheet.$format"
            $findings | Export-ThreatCheatSheet -LiteralPath $path -Format $format -Force
            Assert-NoSecret (Get-Content -Raw -LiteralPath $path) "the $format cheat sheet"
        }
    }

    It 'the verbose, warning and error streams, including exception chains' {
        $text = ($records | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) {
                    $_.ToString(); $_.TargetObject; $_.ErrorDetails
                    $exception = $_.Exception
                    while ($exception) { $exception.Message; $exception = $exception.InnerException }
                }
                else { $_.Message }
            }) -join "`n"
        Assert-NoSecret $text 'the verbose, warning and error streams'
    }

    It "the gate's error" {
        $gate = { $findings | Assert-ContainerSecurityFinding -MinimumSeverity Low } | Should -Throw -PassThru
        Assert-NoSecret ($gate.ToString() + "`n" + $gate.Exception.Message + "`n" + ($gate | Format-List * -Force | Out-String -Width 4096)) "the gate's error"
    }
}
