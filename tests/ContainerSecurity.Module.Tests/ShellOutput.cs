using ContainerSecurity.Shell;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests;

/// <summary>Runs a command or script through the shell's runner and captures what a user sees on stdout and stderr.</summary>
public static class ShellOutput
{
    private static readonly object s_lock = new();

    public static (int ExitCode, string Output, string Error) Run(string command) => Capture(runner => runner.RunCommand(command));

    public static (int ExitCode, string Output, string Error) RunFile(string path, params string[] arguments) =>
        Capture(runner => runner.RunFile(path, arguments));

    private static (int ExitCode, string Output, string Error) Capture(Func<ShellRunner, int> run)
    {
        // The shell imports the module from out/, the same build the other module tests use; the variable is
        // process-wide, hence the lock.
        lock (s_lock)
        {
            Environment.SetEnvironmentVariable(ShellRunner.ModulePathVariable, TestPaths.ModuleManifest);
            var output = new StringWriter();
            var error = new StringWriter();
            using var runner = ShellRunner.Open(output, error);
            var exitCode = run(runner);
            return (exitCode, output.ToString(), error.ToString());
        }
    }
}
