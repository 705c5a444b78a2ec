using System.Text;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Engine.Files;
using YamlDotNet.Core;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// Reads the Kubernetes objects of a YAML or JSON stream (JSON is read as the YAML it is): every document, and the
/// items of <c>List</c> kinds, with positions. A malformed document is reported with its line and column and the
/// next document is read; encoding errors and limits end only what they must.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads objects from <paramref name="reader"/> as they complete.</summary>
    /// <param name="reader">The text; read once, never buffered whole.</param>
    /// <param name="label">The file path or input label that positions and errors name.</param>
    /// <param name="limits">Safety limits.</param>
    /// <param name="pipelineText">
    /// Whether the text came from the pipeline: there, a document that is not a Kubernetes object is an error (a file
    /// name piped instead of given to -Path reads as a YAML string), where a file may hold other YAML.
    /// </param>
    public static IEnumerable<ManifestReadResult> Read(TextReader reader, string label, ManifestLimits? limits = null, bool pipelineText = false)
    {
        limits ??= ManifestLimits.Default;
        using var stream = new DocumentStream(reader) { MaxCharsBetweenResets = limits.MaxCharsPerEvent };
        while (true)
        {
            TextReader? document;
            ScanProblem? streamProblem = null;
            var firstLine = 0;
            try
            {
                document = stream.NextDocument(out firstLine);
            }
            catch (Exception e) when (e is DecoderFallbackException or IOException or ManifestLimitException or BinaryContentException)
            {
                document = null;
                streamProblem = StreamProblem(e, label, stream.Line);
            }

            if (streamProblem is not null)
            {
                yield return ManifestReadResult.Failed(streamProblem);
                yield break;
            }

            if (document is null)
            {
                yield break;
            }

            var builder = new ManifestTreeBuilder(limits, firstLine);
            var normalizer = new LeadingSpaceNormalizer(document);
            var parser = new Parser(normalizer);
            while (true)
            {
                ManifestMapping? item = null;
                ScanProblem? problem = null;
                var fatal = false;
                bool moved;
                try
                {
                    moved = parser.MoveNext();
                    stream.ResetCharCount();
                    if (moved)
                    {
                        item = builder.Accept(parser.Current!);
                    }
                }
                catch (YamlException e)
                {
                    moved = false;
                    problem = SyntaxProblem(e, label, firstLine);
                }
                catch (UndecodableTextException e)
                {
                    // Documents are split at marker lines, which bad bytes cannot forge: the others are intact.
                    moved = false;
                    problem = new ScanProblem("InvalidManifestEncoding", ProblemKind.InvalidData, $"{label}:{e.Line}:{e.Column}",
                        new ManifestFormatException(label, e.Line, e.Column, e.Message, e));
                }
                catch (InvalidOperationException e)
                {
                    // YamlDotNet 18.1.0 throws this, without a position, for a plain scalar inside [...] or {...} that
                    // continues on a line not indented past its block; name the place it stopped reading instead.
                    moved = false;
                    var (line, column) = normalizer.Position;
                    line += firstLine - 1;
                    problem = new ScanProblem("InvalidManifestSyntax", ProblemKind.InvalidData, $"{label}:{line}:{column}",
                        new ManifestFormatException(label, line, column,
                            "Malformed YAML: " + LeadingSpaceNormalizer.FlowIndentationReason, e));
                }
                catch (ManifestLimitException e)
                {
                    moved = false;
                    problem = new ScanProblem("ManifestLimitExceeded", ProblemKind.LimitsExceeded, $"{label}:{e.Line}:{e.Column}",
                        new ManifestFormatException(label, e.Line, e.Column, e.Message, e));
                }
                catch (Exception e) when (e is DecoderFallbackException or IOException or BinaryContentException)
                {
                    moved = false;
                    fatal = true;
                    problem = StreamProblem(e, label, stream.Line);
                }

                if (problem is not null)
                {
                    yield return ManifestReadResult.Failed(problem);
                    if (fatal)
                    {
                        yield break;
                    }
                }

                if (item is not null)
                {
                    yield return ManifestReadResult.Of(new ManifestObject(item, label));
                }

                if (!moved)
                {
                    break;
                }
            }

            // An empty document ("---" followed by nothing or comments) is no object and no error.
            if (builder.Root is not null and not ManifestScalar { IsNull: true } && !builder.RootIsList)
            {
                yield return Classify(builder.Root, label, pipelineText);
            }
        }
    }

    private static ManifestReadResult Classify(ManifestNode root, string label, bool pipelineText)
    {
        if (root is ManifestMapping mapping && mapping["kind"]?.Text is { Length: > 0 } && mapping["apiVersion"]?.Text is { Length: > 0 })
        {
            return ManifestReadResult.Of(new ManifestObject(mapping, label));
        }

        if (!pipelineText)
        {
            return ManifestReadResult.Skip($"{label}:{root.Line}: not a Kubernetes object (no kind and apiVersion); skipped.");
        }

        var reason = NotAnObject(root);
        return ManifestReadResult.Failed(new ScanProblem("NotKubernetesObject", ProblemKind.InvalidData, $"{label}:{root.Line}:{root.Column}",
            new ManifestFormatException(label, root.Line, root.Column, reason)));
    }

    // What the pipeline gave instead of an object. Input text is never quoted (it may hold secrets), except a string
    // that is plainly a file name, which is what a user who piped one needs to see.
    private static string NotAnObject(ManifestNode root)
    {
        const string Hint = "Give files to -Path or -LiteralPath (or pipe Get-Item / Get-ChildItem), and manifest text (Get-Content -Raw, kubectl get -o yaml) to the pipeline.";
        if (root is ManifestScalar scalar && LooksLikeFileName(scalar.Value))
        {
            return $"the pipeline gave the string '{scalar.Value}', which looks like a file name, not manifest text; it is not a Kubernetes object. {Hint}";
        }

        var what = root switch
        {
            ManifestScalar value => $"a YAML {value.TypeName} of {value.Value.Length} characters",
            ManifestSequence sequence => $"a YAML list of {sequence.Items.Count} items",
            _ => "a YAML mapping without kind and apiVersion",
        };
        return $"the pipeline gave {what}, not a Kubernetes object (a mapping with kind and apiVersion). {Hint}";
    }

    // Only a manifest file name is quoted: a token may contain slashes too.
    private static bool LooksLikeFileName(string text) =>
        text.Length is > 0 and < 1024 && !text.Any(char.IsWhiteSpace)
        && (text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || text.EndsWith(".json", StringComparison.OrdinalIgnoreCase));

    private static ScanProblem SyntaxProblem(YamlException e, string label, int firstLine)
    {
        var line = (int)e.Start.Line + firstLine - 1;
        var column = (int)e.Start.Column;

        // YamlDotNet prefixes its message with document-relative positions; ours are file-relative.
        // The parser quotes the input it stopped at (anchors, tags, tokens): messages never carry content.
        var message = ParserMessages.WithoutInput(e.Message);
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && cut > 0)
        {
            message = message[(cut + 3)..];
        }

        var exception = new ManifestFormatException(label, line, column, "Malformed YAML: " + message, e);
        return new ScanProblem("InvalidManifestSyntax", ProblemKind.InvalidData, $"{label}:{line}:{column}", exception);
    }

    private static ScanProblem StreamProblem(Exception e, string label, int line) => e switch
    {
        DecoderFallbackException => new ScanProblem("InvalidManifestEncoding", ProblemKind.InvalidData, $"{label}:{line}",
            new ManifestFormatException(label, line, 0, "The text is not valid UTF-8; the rest of the input was not read.", e)),
        BinaryContentException => new ScanProblem("BinaryManifestFile", ProblemKind.InvalidData, label,
            new ManifestFormatException(label, 0, 0, e.Message + " Skipped.", e)),
        InputTooLargeException => new ScanProblem("ManifestFileTooLarge", ProblemKind.LimitsExceeded, label, e),
        ManifestLimitException limit => new ScanProblem("ManifestLimitExceeded", ProblemKind.LimitsExceeded, $"{label}:{line}",
            new ManifestFormatException(label, limit.Line, limit.Column, limit.Message + " The rest of the input was not read.", e)),
        _ => new ScanProblem("ManifestReadFailed", ProblemKind.Unexpected, label,
            new IOException($"{label}: {e.Message}", e)),
    };
}
