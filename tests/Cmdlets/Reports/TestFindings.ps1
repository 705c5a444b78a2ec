<#
    Findings built in script, as a user (or a Pester test) would, covering every outcome: a failure whose target and
    message hold HTML, a pass, a Medium failure, a waived Critical failure and a Docker daemon pass.
        $findings = & (Join-Path $PSScriptRoot 'TestFindings.ps1')
#>
function New-TestFinding($RuleId, $Status, $Severity, $Stride, $Platform, $Asset, $Target, $Message, $Waiver) {
    [ContainerSecurity.Finding]@{
        RuleId = $RuleId; Title = "Title of $RuleId"; Status = $Status; Severity = $Severity
        Stride = [ContainerSecurity.StrideCategory[]]@($Stride); Platform = $Platform; Asset = $Asset
        Target = $Target; Message = $Message; Remediation = "Fix $RuleId."
        Evidence = [ContainerSecurity.Evidence]::new('observed', 'expected', 'test')
        References = [ContainerSecurity.RuleReference[]]@(); Waiver = $Waiver
    }
}
$web = [ContainerSecurity.FindingTarget]@{ File = 'k8s/web.yaml'; Line = 7; Namespace = 'shop'; Kind = 'Deployment'; Name = "<script>document.title='pwned'</script>"; Container = 'nginx' }
$api = [ContainerSecurity.FindingTarget]@{ File = 'k8s/api.yaml'; Line = 3; Namespace = 'shop'; Kind = 'Deployment'; Name = 'api'; Container = 'api' }
$daemon = [ContainerSecurity.FindingTarget]@{ Host = 'unix:///var/run/docker.sock' }
$waiver = [ContainerSecurity.Waiver]@{ Reason = 'needs ping'; Expires = [datetime]'2030-01-01' }
New-TestFinding KP001 Fail High Spoofing Kubernetes Pod $web 'NET_RAW is not dropped <img src=x onerror=alert(1)>'
New-TestFinding KP001 Pass High Spoofing Kubernetes Pod $api 'NET_RAW is dropped'
New-TestFinding KP016 Fail Medium DenialOfService Kubernetes Pod $api 'No memory limit'
New-TestFinding KP002 Fail Critical ElevationOfPrivilege Kubernetes Pod $api 'Privileged' $waiver
New-TestFinding DD003 Pass Medium Repudiation Docker Daemon $daemon 'log-level is info'
