using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerSecurity.Engine.Kubernetes.Credentials;

namespace ContainerSecurity.Completion;

/// <summary>
/// Completes -Context with the contexts of the kubeconfig the command would use: the -KubeConfig already typed, else
/// the files of $KUBECONFIG, else ~/.kube/config, read by the engine's own kubeconfig reader. A kubeconfig that cannot
/// be read completes nothing: the command itself will say what is wrong with it.
/// </summary>
public sealed class KubeContextCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var matches = CompletionWords.Matcher(wordToComplete);
            return KubeConfigContexts.Read(KubeConfigPaths(fakeBoundParameters))
                .Where(context => matches(context.Name))
                .OrderBy(context => context.Name, StringComparer.Ordinal)
                .Select(context => CompletionWords.Result(context.Name, context.Name, $"cluster {context.Cluster ?? "?"}, user {context.User ?? "?"}"))
                .ToList();
        }
        catch (Exception)
        {
            // A broken kubeconfig, a path that cannot be resolved: completing nothing is the answer, never an error.
            return [];
        }
    }

    private static IEnumerable<string> KubeConfigPaths(IDictionary fakeBoundParameters)
    {
        if (fakeBoundParameters?["KubeConfig"] is { } bound && bound.ToString() is { Length: > 0 } path)
        {
            return [FileSystemPath(path)];
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return KubeConfigLocator.DefaultPaths(Environment.GetEnvironmentVariable("KUBECONFIG"), home);
    }

    // A typed path is relative to the session's location, not the process's. The completer runs on the pipeline
    // thread inside the running completion, so the session is reached through a nested command on this runspace.
    private static string FileSystemPath(string path)
    {
        var unquoted = path.Trim('\'', '"');
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        var resolved = shell
            .AddScript("param($Path) $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)")
            .AddArgument(unquoted)
            .Invoke<string>();
        return resolved.Count == 1 ? resolved[0] : unquoted;
    }
}
