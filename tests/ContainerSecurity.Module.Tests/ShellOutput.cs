using ContainerSecurity.Shell;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests;

/// <summary>Runs a command through the shell's runner and captures what a user would see on stdout and stderr.</summary>
public static class ShellOutput
{
    private static readonly object s_lock = new();

    public static (int ExitCode, string Output, string Error) Run(string command)
    {
        // The shell imports the module from out/, the same build the other module tests use.
        lock (s_lock)
        {
            Environment.SetEnvironmentVariable(ShellRunner.ModulePathVariable, TestPaths.ModuleManifest);
            var output = new StringWriter();
            var error = new StringWriter();
            using var runner = ShellRunner.Open(output, error);
            var exitCode = runner.RunCommand(command);
            return (exitCode, output.ToString(), error.ToString());
        }
    }

    public static (int ExitCode, string Output, string Error) RunFile(string path, params string[] arguments)
    {
        lock (s_lock)
        {
            Environment.SetEnvironmentVariable(ShellRunner.ModulePathVariable, TestPaths.ModuleManifest);
            var output = new StringWriter();
            var error = new StringWriter();
            using var runner = ShellRunner.Open(output, error);
            var exitCode = runner.RunFile(path, arguments);
            return (exitCode, output.ToString(), error.ToString());
        }
    }
}
