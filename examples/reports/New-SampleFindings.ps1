<#
.SYNOPSIS
    Regenerates findings.clixml: findings as a day's audits of a small shop (Kubernetes manifests, a Docker host
    and a Dockerfile) would save them with Export-Clixml, so the report examples run offline.
.NOTES
    Every rule's title, severity, STRIDE, platform, asset, remediation and references come from the catalog.
    Run: dotnet pwsh -Command "Import-Module ./out/ContainerSecurity/ContainerSecurity.psd1; ./examples/reports/New-SampleFindings.ps1"
#>
function F($Id, $Status, $Target, $Message, $Observed, $Expected, $Source, $Waiver) {
    $r = Get-ContainerSecurityRule -Id $Id
    [ContainerSecurity.Finding]@{
        RuleId = $r.Id; Title = $r.Title; Status = $Status; Severity = $r.Severity; Stride = $r.Stride; Platform = $r.Platform; Asset = $r.Asset
        Target = [ContainerSecurity.FindingTarget]$Target; Message = $Message; Remediation = $r.Remediation; References = $r.References
        Evidence = [ContainerSecurity.Evidence]::new($Observed, $Expected, $Source); Waiver = $Waiver
    }
}
$waiver = [ContainerSecurity.Waiver]@{ Reason = 'Network diagnostics pod needs raw sockets for ping'; Expires = [datetime]'2027-03-31'; Container = 'netshoot'; DeclaredIn = 'metadata.annotations[containersecurity.io/waive-KP001]' }
$web = @{ File = 'k8s/shop/web.yaml'; Line = 21; Column = 11; Namespace = 'shop'; Kind = 'Deployment'; Name = 'web'; Container = 'nginx' }
$cart = @{ File = 'k8s/shop/cart.yaml'; Line = 18; Column = 11; Namespace = 'shop'; Kind = 'Deployment'; Name = 'cart'; Container = 'cart' }
$tools = @{ File = 'k8s/ops/netshoot.yaml'; Line = 16; Column = 11; Namespace = 'ops'; Kind = 'Deployment'; Name = 'netshoot'; Container = 'netshoot' }
$daemon = @{ Host = 'unix:///var/run/docker.sock'; File = '/etc/docker/daemon.json' }
$findings = @(
    F KP001 Fail ($web + @{ FieldPath = 'spec.template.spec.containers[0].securityContext.capabilities.drop' }) 'Container nginx does not drop NET_RAW.' 'capabilities.drop: (unset)' 'drop contains ALL or NET_RAW' 'k8s/shop/web.yaml:21'
    F KP001 Pass $cart 'Container cart drops ALL capabilities.' 'capabilities.drop: [ALL]' 'drop contains ALL or NET_RAW' 'k8s/shop/cart.yaml:24'
    F KP001 Fail $tools 'Container netshoot does not drop NET_RAW.' 'capabilities.add: [NET_RAW]' 'drop contains ALL or NET_RAW' 'k8s/ops/netshoot.yaml:19' $waiver
    F KP016 Fail ($web + @{ FieldPath = 'spec.template.spec.containers[0].resources.limits.memory' }) 'Container nginx has no memory limit.' 'resources.limits.memory: (unset)' 'a memory limit' 'k8s/shop/web.yaml:21'
    F KP016 Pass $cart 'Container cart has a memory limit of 256Mi.' 'resources.limits.memory: 256Mi' 'a memory limit' 'k8s/shop/cart.yaml:30'
    F KP002 Fail ($tools + @{ FieldPath = 'spec.template.spec.containers[0].securityContext.privileged' }) 'Container netshoot runs privileged.' 'privileged: true' 'privileged: false or unset' 'k8s/ops/netshoot.yaml:22'
    F KP019 Fail @{ File = 'k8s/shop/cart.yaml'; Line = 27; Column = 15; Namespace = 'shop'; Kind = 'Deployment'; Name = 'cart'; Container = 'cart'; FieldPath = 'spec.template.spec.containers[0].env[2].value' } 'Environment variable DB_PASSWORD holds a literal secret.' 'DB_PASSWORD: ******** (14 characters)' 'a secretKeyRef or a mounted file' 'k8s/shop/cart.yaml:27'
    F DD003 Pass $daemon 'The daemon logs at info.' 'log-level: info' 'log-level: info' 'default'
    F DD014 Fail @{ Host = 'unix:///var/run/docker.sock'; File = '/etc/docker/daemon.json'; Line = 1 } 'Containers may gain new privileges: no-new-privileges is not set.' 'no-new-privileges: (unset)' 'no-new-privileges: true' 'daemon.json'
    F DD019 Fail @{ Host = 'unix:///var/run/docker.sock' } 'DOCKER_CONTENT_TRUST is not set to 1 for the daemon''s clients.' 'DOCKER_CONTENT_TRUST: (unset)' 'DOCKER_CONTENT_TRUST=1' 'environment'
    F DC011 Fail @{ Host = 'unix:///var/run/docker.sock'; Kind = 'Container'; Name = 'legacy-db' } 'Container legacy-db has no memory limit.' 'HostConfig.Memory: 0' 'a memory limit' 'container inspect'
    F DC005 Pass @{ Host = 'unix:///var/run/docker.sock'; Kind = 'Container'; Name = 'legacy-db' } 'Container legacy-db is not privileged.' 'HostConfig.Privileged: false' 'false' 'container inspect'
    F DI002 Warn @{ File = 'images/web/Dockerfile'; Line = 1; Column = 1; Kind = 'Dockerfile'; Name = 'images/web/Dockerfile' } 'FROM nginx uses no tag, so it means latest.' 'FROM nginx' 'FROM nginx:<version>@sha256:<digest>' 'images/web/Dockerfile:1'
)
[System.IO.File]::WriteAllText([System.IO.Path]::Combine($PSScriptRoot, 'findings.clixml'), [System.Management.Automation.PSSerializer]::Serialize($findings, 5))
"$($findings.Count) findings saved"
