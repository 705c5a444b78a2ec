using ContainerSecurity.Engine.Files;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>
/// Audits Dockerfiles: each file is parsed once, every line that does not parse is a <see cref="ProblemEvent"/>
/// naming file:line, and the rules still run over everything that did parse.
/// </summary>
public static class DockerfileScanner
{
    /// <summary>Files in a folder that are Dockerfiles: Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile.</summary>
    public static bool IsDockerfileName(string fileName) =>
        fileName.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase)
        || fileName.Equals("Containerfile", StringComparison.OrdinalIgnoreCase)
        || fileName.StartsWith("Dockerfile.", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".dockerfile", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and audits one file: a regular file of at most <see cref="InputKind.Dockerfile"/>'s bound, decoded by its byte-order mark.</summary>
    public static IEnumerable<ScanEvent> ScanFile(string path, DockerfileScanOptions options, CancellationToken cancellation = default)
    {
        DockerfileDocument document;
        try
        {
            document = DockerfileDocument.Parse(InputFile.ReadAllText(path, InputKind.Dockerfile, cancellation), path, cancellation);
        }
        catch (InputEncodingException exception)
        {
            return [new ProblemEvent(new ScanProblem("InvalidDockerfileEncoding", ProblemKind.InvalidData, $"{path}:{exception.Line}:{exception.Column}", exception))];
        }
        catch (InputTooLargeException exception)
        {
            return [new ProblemEvent(new ScanProblem("DockerfileTooLarge", ProblemKind.LimitsExceeded, path, exception))];
        }
        catch (NotRegularFileException exception)
        {
            return [new ProblemEvent(new ScanProblem("NotRegularFile", ProblemKind.InvalidData, path, exception))];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [new ProblemEvent(new ScanProblem("DockerfileUnreadable", exception is UnauthorizedAccessException ? ProblemKind.PermissionDenied : ProblemKind.NotFound, path, exception))];
        }

        return Scan(document, options, cancellation);
    }

    public static IEnumerable<ScanEvent> Scan(DockerfileDocument document, DockerfileScanOptions options, CancellationToken cancellation = default)
    {
        foreach (var diagnostic in document.Diagnostics)
        {
            var where = $"{document.Path}:{diagnostic.Line}:{diagnostic.Column}";
            yield return diagnostic.ExpansionLimit
                ? new ProblemEvent(new ScanProblem("DockerfileExpansionLimit", ProblemKind.LimitsExceeded, where, new InvalidDataException($"{where}: {diagnostic.Message}")))
                : new ProblemEvent(new ScanProblem("DockerfileSyntaxError", ProblemKind.InvalidData, where, new InvalidDataException($"{where}: {diagnostic.Message}")));
        }

        if (document.Stages.Count == 0)
        {
            if (document.Diagnostics.Count == 0)
            {
                var where = $"{document.Path}:1:1";
                yield return new ProblemEvent(new ScanProblem("DockerfileWithoutFrom", ProblemKind.InvalidData, where, new InvalidDataException($"{where}: the file has no FROM instruction; is it a Dockerfile?")));
            }

            yield break;
        }

        var stageOfLine = document.Stages
            .SelectMany(stage => stage.Steps.Select(step => (step.Instruction.Line, stage)).Prepend((stage.From.Line, stage)))
            .ToDictionary(p => p.Line, p => p.stage);
        foreach (var rule in DockerfileRules.All.Where(r => options.RuleIds is null || options.RuleIds.Contains(r.RuleId)))
        {
            // Checked per result, wanted or not: a rule over a large file yields many passes that are filtered out.
            foreach (var result in rule.Evaluate(document).Where(r => !cancellation.IsCancellationRequested && DockerFindings.Wanted(r, options.IncludePassed)))
            {
                var stage = result.Line is { } line && stageOfLine.TryGetValue(line, out var s) ? s : null;
                var target = new FindingTarget
                {
                    File = document.Path,
                    Line = result.Line,
                    Column = 1,
                    Kind = "Stage",
                    Name = stage?.ToString(),
                    FieldPath = result.FieldPath,
                };
                yield return DockerFindings.ToEvent(result, target, $"{Path.GetFileName(document.Path)}:{result.Line}");
            }

            cancellation.ThrowIfCancellationRequested();
        }

        // Lines a rule could not expand (a bound was hit only then): the checks of those lines saw the text unexpanded.
        var reported = document.Diagnostics.Where(d => d.ExpansionLimit).Select(d => d.Line);
        foreach (var line in document.Budget.RuleOverruns.Except(reported).Order())
        {
            var where = $"{document.Path}:{line}:1";
            yield return new ProblemEvent(new ScanProblem("DockerfileExpansionLimit", ProblemKind.LimitsExceeded, where, new InvalidDataException(
                $"{where}: variable substitution in this instruction hits a bound ({ExpansionBudget.MaxValueChars} characters per value, {ExpansionBudget.MaxTotalChars} per file); its checks saw the text unexpanded.")));
        }
    }
}
