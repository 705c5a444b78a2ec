using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContainerSecurity.Engine.Docker.Connection;

namespace ContainerSecurity.Completion;

/// <summary>
/// Completes the container -Name (and -Id) of a live audit with the containers of the daemon the command would read
/// (-DockerHost already typed, else DOCKER_HOST, else the local socket). Waits at most <see cref="Bound"/> in all: a
/// daemon that does not answer by then completes nothing, and the typing goes on.
/// </summary>
public sealed class DockerContainerCompleter : IArgumentCompleter
{
    /// <summary>The longest a completion waits for the daemon.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(1.5);

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var containers = ListContainers(fakeBoundParameters);
            var matches = CompletionWords.Matcher(wordToComplete);
            var byId = string.Equals(parameterName, "Id", StringComparison.OrdinalIgnoreCase);
            return containers
                .Select(c => byId
                    ? CompletionWords.Result(c.Id[..Math.Min(12, c.Id.Length)], $"{c.Id[..Math.Min(12, c.Id.Length)]} — {c.Name}", $"{c.Name} ({c.Image}, {c.State})")
                    : CompletionWords.Result(c.Name, c.Name, $"{c.Image} ({c.State})"))
                .Where(result => matches(result.CompletionText.Trim('\'')))
                .OrderBy(result => result.CompletionText, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception)
        {
            // A bad address, missing TLS files, a refused connection: completing nothing is the answer, never an error.
            return [];
        }
    }

    private static IReadOnlyList<DockerContainerSummary> ListContainers(IDictionary fakeBoundParameters)
    {
        var options = new DockerEndpointOptions
        {
            Host = Text(fakeBoundParameters, "DockerHost"),
            TlsVerify = fakeBoundParameters?["TlsVerify"] is SwitchParameter { IsPresent: true } or true ? true : null,
            CertificateAuthorityPath = Text(fakeBoundParameters, "CertificateAuthorityPath"),
            CertificatePath = Text(fakeBoundParameters, "CertificatePath"),
            KeyPath = Text(fakeBoundParameters, "KeyPath"),
            Timeout = Bound,
        };
        var api = DockerConnection.Open(options);
        var cancellation = new CancellationTokenSource(Bound);
        var listing = api.ListContainersAsync(all: true, labelFilters: null, cancellation.Token);
        try
        {
            // The transport honours the token, but a completer must not trust any one layer to: the wait itself is
            // bounded too.
            return listing.Wait(Bound) ? listing.Result : [];
        }
        finally
        {
            // A late answer is only disposed of, with the connection, once it comes.
            listing.ContinueWith(
                _ =>
                {
                    api.Dispose();
                    cancellation.Dispose();
                },
                TaskScheduler.Default);
        }
    }

    private static string? Text(IDictionary? parameters, string name) =>
        parameters?[name] is { } value && value.ToString() is { Length: > 0 } text ? text.Trim('\'', '"') : null;
}
