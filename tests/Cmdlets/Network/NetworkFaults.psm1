<#
    Child pwsh processes for the network fault tests: a command runs in its own session and process group (setsid),
    with the built module imported, and says READY on stdout just before the command under test starts. Ctrl+C is
    SIGINT to that process group, as a terminal sends it. What is measured is the time from the signal until the
    command has stopped (a finally block around it writes the time), so pwsh's own exit on a busy machine is not
    counted; that the process then exits is checked too.
#>
Set-StrictMode -Version Latest

function Start-ChildPwsh {
    <# Starts pwsh -NoProfile -Command "<import>; 'READY'; <Command>" in a new session; returns the process. #>
    param(
        [Parameter(Mandatory)] [string] $Command,
        [Parameter(Mandatory)] [string] $ModuleManifest
    )
    $start = [System.Diagnostics.ProcessStartInfo]::new('setsid')
    $script = "Import-Module '$ModuleManifest'; [Console]::Out.WriteLine('READY'); [Console]::Out.Flush(); " +
        "try { $Command } finally { [Console]::Out.WriteLine('STOPPED ' + [datetime]::UtcNow.Ticks); [Console]::Out.Flush() }"
    foreach ($argument in (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')), '-NoProfile', '-NonInteractive', '-Command', $script) {
        $start.ArgumentList.Add($argument)
    }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $process | Add-Member -NotePropertyName StandardErrorText -NotePropertyValue $process.StandardError.ReadToEndAsync()
    $process
}

function Wait-ChildReady {
    <# Reads the child's stdout up to READY (the module is imported and the command starts now). #>
    param([Parameter(Mandatory)] [System.Diagnostics.Process] $Process, [int] $TimeoutSeconds = 60)
    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([datetime]::UtcNow -lt $deadline) {
        $read = $Process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait(($deadline - [datetime]::UtcNow))) { break }
        if ($null -eq $read.Result) { throw "The child pwsh ended before READY: $($Process.StandardErrorText.Result)" }
        if ($read.Result -eq 'READY') {
            $Process | Add-Member -NotePropertyName StandardOutputText -NotePropertyValue $Process.StandardOutput.ReadToEndAsync() -Force
            return
        }
    }
    throw "The child pwsh did not become ready within $TimeoutSeconds s."
}

function Send-CtrlC {
    <#
        SIGINT to the child's process group; returns the seconds from the signal until the command had stopped, or
        $null (and kills the child) when the process had not exited 10 s after the signal. Throws when the child had
        already ended: then it was not waiting when Ctrl+C came.
    #>
    param([Parameter(Mandatory)] [System.Diagnostics.Process] $Process)
    if ($Process.HasExited) {
        throw "The child pwsh had already ended (exit $($Process.ExitCode)): $($Process.StandardErrorText.Result)"
    }
    $signalled = [datetime]::UtcNow.Ticks
    & kill -INT -- "-$($Process.Id)"
    if (-not $Process.WaitForExit(10000)) {
        & kill -KILL -- "-$($Process.Id)"
        $Process.WaitForExit()
        return $null
    }
    $stopped = $Process.StandardOutputText.Result -split "`n" | Where-Object { $_ -like 'STOPPED *' } | Select-Object -First 1
    if (-not $stopped) {
        throw "The child pwsh exited without stopping its command: $($Process.StandardErrorText.Result)"
    }
    ([long]($stopped -replace '\D', '') - $signalled) / [timespan]::TicksPerSecond
}

function New-KubeConfig {
    <# A kubeconfig (context "hostile", namespace "shop", a bearer token) that points at -Server; returns its path. #>
    param([Parameter(Mandatory)] [string] $Server, [Parameter(Mandatory)] [string] $Path)
    @"
apiVersion: v1
kind: Config
clusters:
- name: hostile
  cluster:
    server: $Server
users:
- name: tester
  user:
    token: hostile-token
contexts:
- name: hostile
  context:
    cluster: hostile
    user: tester
    namespace: shop
current-context: hostile
"@ | Set-Content -LiteralPath $Path
    $Path
}

Export-ModuleMember -Function Start-ChildPwsh, Wait-ChildReady, Send-CtrlC, New-KubeConfig
