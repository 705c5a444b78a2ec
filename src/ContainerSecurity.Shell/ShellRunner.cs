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

    /// <summary>Opens a runspace that writes to <paramref name="output"/> and <paramref name="error"/>.</summary>
    /// <param name="output">Where formatted output goes.</param>
    /// <param name="error">Where errors, warnings, verbose and debug lines go.</param>
    /// <param name="plainText">No ANSI colours: for logs, files and pipes (what pwsh does when output is redirected).</param>
    public static ShellRunner Open(TextWriter output, TextWriter error, bool plainText = true)
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
        if (plainText)
        {
            using var ps = PowerShell.Create(runspace);
            ps.AddScript("$PSStyle.OutputRendering = 'PlainText'").Invoke();
        }

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

        var script = _runspace.SessionStateProxy.InvokeCommand.GetCommand(fullPath, CommandTypes.ExternalScript);
        return Run(ps =>
        {
            ps.AddCommand(fullPath);
            BindScriptArguments(ps, script, arguments);
        });
    }

    public void Dispose() => _runspace.Dispose();

    private int Run(Action<PowerShell> build)
    {
        using var ps = PowerShell.Create(_runspace);
        _runspace.SessionStateProxy.SetVariable("LASTEXITCODE", null);
        _host.ErrorDisplayed = false;
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

        // A script file that ends with 'exit N' leaves N in $LASTEXITCODE (so does a failing native command).
        if (_runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is { } lastExitCode)
        {
            return LanguagePrimitives.ConvertTo<int>(lastExitCode);
        }

        // Only errors that reached the user count; those the script caught (try/catch) never do. The engine's
        // HadErrors cannot tell: it also counts caught -ErrorAction Stop errors and 'exit'.
        return _host.ErrorDisplayed ? 1 : 0;
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
    // A switch never takes the next argument as its value, so the script's own parameters decide.
    private static void BindScriptArguments(PowerShell ps, CommandInfo script, IReadOnlyList<string> arguments)
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
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-') && !IsSwitch(script, argument[1..]))
            {
                ps.AddParameter(argument[1..], arguments[++i]);
            }
            else
            {
                ps.AddParameter(argument[1..]);
            }
        }
    }

    private static bool IsSwitch(CommandInfo script, string name) =>
        script.Parameters.TryGetValue(name, out var parameter) && parameter.SwitchParameter;

    private static string ModuleManifestPath()
    {
        var configured = Environment.GetEnvironmentVariable(ModulePathVariable);
        return string.IsNullOrEmpty(configured)
            ? Path.Join(AppContext.BaseDirectory, "Modules", "ContainerSecurity", "ContainerSecurity.psd1")
            : Path.GetFullPath(configured);
    }
}
