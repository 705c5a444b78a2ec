using System.Runtime.CompilerServices;
using ContainerSecurity.Engine.Files;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// Audits kubeconfig files for the credential rules KC001–KC006. Each file is read and checked on its own; a file
/// that is missing or malformed is reported as a problem and the others are still audited.
/// </summary>
public static class KubeConfigAudit
{
    private static readonly IKubeConfigCheck[] s_checks =
    [
        new ClientCertificateCheck(),
        new StoredCredentialCheck(),
        new ServerTransportCheck(),
        new ExecPluginCheck(),
    ];

    /// <summary>The rules this audit evaluates.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = ["KC001", "KC002", "KC003", "KC004", "KC005", "KC006"];

    /// <summary>Audits each input in turn.</summary>
    public static async IAsyncEnumerable<ScanEvent> RunAsync(
        IReadOnlyList<KubeConfigInput> inputs,
        KubeConfigAuditOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = inputs[i];
            yield return new ProgressEvent("Auditing kubeconfig files", input.DisplayPath, i * 100 / inputs.Count);
            var (file, problem) = await LoadAsync(input, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                yield return problem;
                continue;
            }

            foreach (var entryProblem in file!.Problems)
            {
                yield return Problem("InvalidKubeConfigEntry", ProblemKind.InvalidData, input, entryProblem);
            }

            yield return new VerboseEvent($"{input.DisplayPath}: {file.Clusters.Count} cluster(s), {file.Users.Count} user(s), {file.Contexts.Count} context(s).");
            if (file.Clusters.Count == 0 && file.Users.Count == 0 && file.Problems.Count == 0)
            {
                // An empty document ({}, nothing, only comments) has nothing to audit: a clean answer would be a lie.
                yield return Problem("EmptyKubeConfig", ProblemKind.InvalidData, input,
                    new KubeConfigFormatException($"{input.DisplayPath}: the kubeconfig holds no cluster and no user, so nothing was audited."));
                continue;
            }

            foreach (var check in s_checks)
            {
                foreach (var scanEvent in check.Evaluate(file, options))
                {
                    yield return scanEvent;
                }
            }
        }

        yield return new ProgressEvent("Auditing kubeconfig files", "Done", 100, Completed: true);
    }

    private static async Task<(KubeConfigFile? File, ProblemEvent? Problem)> LoadAsync(KubeConfigInput input, CancellationToken cancellationToken)
    {
        try
        {
            // A regular file of bounded size, decoded by its byte-order mark; bad bytes are an error with their place.
            var text = input.Text ?? await Task.Run(() => InputFile.ReadAllText(input.FilePath!, InputKind.KubeConfig, cancellationToken), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
            return (KubeConfigReader.Read(text, input.DisplayPath, input.Directory, fromPipeline: input.FilePath is null), null);
        }
        catch (InputEncodingException e)
        {
            return (null, new ProblemEvent(new ScanProblem("InvalidKubeConfigEncoding", ProblemKind.InvalidData, $"{input.DisplayPath}:{e.Line}:{e.Column}", e)));
        }
        catch (InputTooLargeException e)
        {
            return (null, Problem("KubeConfigTooLarge", ProblemKind.LimitsExceeded, input, e));
        }
        catch (NotRegularFileException e)
        {
            return (null, Problem("NotRegularFile", ProblemKind.InvalidData, input, e));
        }
        catch (KubeConfigFormatException e)
        {
            return (null, Problem("InvalidKubeConfig", ProblemKind.InvalidData, input, e));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, Problem("KubeConfigNotFound", ProblemKind.NotFound, input, new FileNotFoundException($"The kubeconfig file '{input.DisplayPath}' does not exist.", input.FilePath, e)));
        }
        catch (UnauthorizedAccessException e)
        {
            return (null, Problem("KubeConfigAccessDenied", ProblemKind.PermissionDenied, input, new UnauthorizedAccessException($"The kubeconfig file '{input.DisplayPath}' cannot be read: {e.Message}", e)));
        }
        catch (IOException e)
        {
            return (null, Problem("KubeConfigReadFailed", ProblemKind.Unexpected, input, new IOException($"The kubeconfig file '{input.DisplayPath}' cannot be read: {e.Message}", e)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever else one file does (a parser state YamlDotNet does not describe), the other files are audited.
            return (null, Problem("InvalidKubeConfig", ProblemKind.InvalidData, input,
                new KubeConfigFormatException($"{input.DisplayPath}: the kubeconfig could not be read ({e.GetType().Name}: {e.Message})", e)));
        }
    }

    private static ProblemEvent Problem(string errorId, ProblemKind kind, KubeConfigInput input, Exception exception) =>
        new(new ScanProblem(errorId, kind, input.DisplayPath, exception));
}
