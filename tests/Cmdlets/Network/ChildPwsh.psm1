<#
    Child pwsh processes for the network fault tests: a command runs in its own session and process group (setsid),
    with the built module imported, and says READY on stdout just before the command under test starts. Ctrl+C is
    SIGINT to that process group, as a terminal sends it; the time until the process has exited is what is measured.
#>
Set-StrictMode -Version Latest

function Start-ChildPwsh {
    <# Starts pwsh -NoProfile -Command "<import>; 'READY'; <Command>" in a new session; returns the process. #>
    param(
        [Parameter(Mandatory)] [string] $Command,
        [Parameter(Mandatory)] [string] $ModuleManifest
    )
    $start = [System.Diagnostics.ProcessStartInfo]::new('setsid')
    $script = "Import-Module '$ModuleManifest'; [Console]::Out.WriteLine('READY'); [Console]::Out.Flush(); $Command"
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
        SIGINT to the child's process group; returns the seconds until it exited, or $null (and kills it) when it had
        not exited after 10 s. Throws when the child had already ended: then it was not waiting when Ctrl+C came.
    #>
    param([Parameter(Mandatory)] [System.Diagnostics.Process] $Process)
    if ($Process.HasExited) {
        throw "The child pwsh had already ended (exit $($Process.ExitCode)): $($Process.StandardErrorText.Result)"
    }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    & kill -INT -- "-$($Process.Id)"
    $exited = $Process.WaitForExit(10000)
    $watch.Stop()
    if (-not $exited) {
        & kill -KILL -- "-$($Process.Id)"
        $Process.WaitForExit()
        return $null
    }
    $watch.Elapsed.TotalSeconds
}

Export-ModuleMember -Function Start-ChildPwsh, Wait-ChildReady, Send-CtrlC
