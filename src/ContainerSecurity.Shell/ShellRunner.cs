using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ContainerSecurity.Shell.Commands;
using ContainerSecurity.Shell.Hosting;

namespace ContainerSecurity.Shell;

/// <summary>
/// One runspace with the module imported. Runs a command or a script the way pwsh does: errors merged into the
/// output and rendered by Out-Default (which sends them to stderr), then maps the outcome to an exit code.
/// </summary>
internal sealed class ShellRunner : IDisposable
{
    /// <summary>Overrides where the module is imported from (a build tree instead of the copy beside the shell).</summary>
    public const string ModulePathVariable = "CONTAINERSECURITY_MODULE_PATH";

    private readonly Runspace _runspace;
    private readonly ShellHost _host;
    private readonly TextWriter _error;

    private ShellRunner(Runspace runspace, ShellHost host, TextWriter error)
    {
        _runspace = runspace;
        _host = host;
        _error = error;
    }

    public static ShellRunner Open(TextWriter output, TextWriter error)
    {
        var state = InitialSessionState.CreateDefault2();
        foreach (var entry in ConvenienceCommands.All.Where(e => state.Commands[e.Name].Count == 0))
        {
            state.Commands.Add(entry);
        }

        state.ImportPSModule(ModuleManifestPath());
        var host = new ShellHost(output, error);
        var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        return new ShellRunner(runspace, host, error);
    }

    public int RunCommand(string script) => Run(ps => ps.AddScript(script));

    public int RunFile(string path, IReadOnlyList<string> arguments)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            _error.WriteLine($"The script file '{path}' does not exist.");
            return 64;
        }

        return Run(ps =>
        {
            ps.AddCommand(fullPath);
            BindScriptArguments(ps, arguments);
        });
    }

    public void Dispose() => _runspace.Dispose();

    private int Run(Action<PowerShell> build)
    {
        using var ps = PowerShell.Create(_runspace);
        build(ps);
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        ps.AddCommand("Out-Default");
        try
        {
            ps.Invoke();
        }
        catch (ExitException e)
        {
            return e.Argument is int code ? code : LanguagePrimitives.ConvertTo<int>(e.Argument);
        }
        catch (RuntimeException e)
        {
            WriteTerminatingError(e);
            return 1;
        }

        if (_host.ExitCode is int exitCode)
        {
            return exitCode;
        }

        return ps.HadErrors ? 1 : LastExitCode();
    }

    // A script that ends with 'exit N' leaves N in $LASTEXITCODE; a native command's failure does too.
    private int LastExitCode()
    {
        var value = _runspace.SessionStateProxy.GetVariable("LASTEXITCODE");
        return value is null ? 0 : LanguagePrimitives.ConvertTo<int>(value);
    }

    private void WriteTerminatingError(RuntimeException exception)
    {
        var record = exception.ErrorRecord;
        _error.WriteLine(record.ToString());
        if (record.InvocationInfo?.PositionMessage is { Length: > 0 } position)
        {
            _error.WriteLine(position);
        }
    }

    // pwsh binds '-Name value', '-Name:value' and '-Switch' after -File by name; everything else is positional.
    private static void BindScriptArguments(PowerShell ps, IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument.Length < 2 || argument[0] != '-' || char.IsDigit(argument[1]))
            {
                ps.AddArgument(argument);
                continue;
            }

            var colon = argument.IndexOf(':');
            if (colon > 0)
            {
                ps.AddParameter(argument[1..colon], argument[(colon + 1)..]);
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-'))
            {
                ps.AddParameter(argument[1..], arguments[++i]);
            }
            else
            {
                ps.AddParameter(argument[1..]);
            }
        }
    }

    private static string ModuleManifestPath()
    {
        var configured = Environment.GetEnvironmentVariable(ModulePathVariable);
        return string.IsNullOrEmpty(configured)
            ? Path.Join(AppContext.BaseDirectory, "Modules", "ContainerSecurity", "ContainerSecurity.psd1")
            : Path.GetFullPath(configured);
    }
}
