using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests;

/// <summary>
/// A runspace of the real PowerShell engine with the built module imported from out/ContainerSecurity, as a user's
/// session would have it. Scripts run through it exactly as typed at a prompt.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleSession()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(TestPaths.ModuleManifest);
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
    }

    /// <summary>Runs a script; returns its output and the non-terminating errors it wrote.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create(_runspace);
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        var output = ps.AddScript(script).Invoke();
        return (output, ps.Streams.Error.ToList());
    }

    /// <summary>Runs a script that must not write errors; returns its output.</summary>
    public Collection<PSObject> Invoke(string script, IDictionary<string, object?>? variables = null)
    {
        var (output, errors) = Run(script, variables);
        Assert.True(errors.Count == 0, "Unexpected errors: " + string.Join(Environment.NewLine, errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        return output;
    }

    public void Dispose() => _runspace.Dispose();
}
