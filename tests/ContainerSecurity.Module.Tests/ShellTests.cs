namespace ContainerSecurity.Module.Tests;

public sealed class ShellTests
{
    [Fact]
    public void A_terminating_error_goes_to_stderr_and_exits_1()
    {
        var (exitCode, output, error) = ShellOutput.Run("'before'; throw 'boom'");

        Assert.Equal(1, exitCode);
        Assert.Contains("before", output, StringComparison.Ordinal);
        Assert.Contains("boom", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_terminating_error_goes_to_stderr_and_exits_1()
    {
        var (exitCode, _, error) = ShellOutput.Run("Get-ContainerSecurityRule -Id NOPE999");

        Assert.Equal(1, exitCode);
        Assert.Contains("NOPE999", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_the_script_catches_itself_does_not_fail_the_run()
    {
        var (exitCode, output, error) = ShellOutput.Run("try { throw 'handled' } catch { 'caught' }; try { Get-ContainerSecurityRule -Id NOPE999 -ErrorAction Stop } catch { 'caught too' }");

        Assert.Equal(0, exitCode);
        Assert.Contains("caught too", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Exit_passes_its_code_through()
    {
        Assert.Equal(3, ShellOutput.Run("exit 3").ExitCode);
    }

    [Fact]
    public void A_script_file_gets_its_arguments_by_name_and_position()
    {
        var script = Path.Join(Path.GetTempPath(), $"cs-shell-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(script, "param([string]$Id, [switch]$Count, [string]$Rest) if ($Count) { \"count=$(@(Get-ContainerSecurityRule -Id $Id).Count) rest=$Rest\" }; exit 5");
        try
        {
            var (exitCode, output, error) = ShellOutput.RunFile(script, "-Id", "KP00*", "-Count", "tail");

            Assert.Equal(string.Empty, error);
            Assert.Equal(5, exitCode);
            Assert.Matches(@"count=\d+ rest=tail", output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void The_output_conveniences_compose_like_pwsh()
    {
        var (exitCode, output, error) = ShellOutput.Run("Get-ContainerSecurityRule | Sort-Object Severity -Descending | Select-Object -First 3 Id, Severity | Format-Table -AutoSize");

        Assert.Equal(string.Empty, error);
        Assert.Equal(0, exitCode);
        Assert.Matches(@"Id\s+Severity", output);
        Assert.Contains("Critical", output, StringComparison.Ordinal);
    }
}
