using ContainerSecurity.Engine.Files;
using ContainerSecurity.Engine.Kubernetes.Sources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// Reads kubeconfig text with YamlDotNet's representation model rather than KubernetesClient's loader: the loader
/// merges files and drops positions, and a finding must point at the line of the offending user or cluster.
/// </summary>
internal static class KubeConfigReader
{
    /// <param name="text">The kubeconfig text.</param>
    /// <param name="displayPath">What positions and errors name.</param>
    /// <param name="directory">The folder relative references resolve against.</param>
    /// <param name="fromPipeline">Whether the text came from the pipeline (a piped file name then gets a hint).</param>
    /// <exception cref="KubeConfigFormatException">The file as a whole cannot be read; one bad entry is a <see cref="KubeConfigFile.Problems"/> item instead.</exception>
    public static KubeConfigFile Read(string text, string displayPath, string? directory, bool fromPipeline = false)
    {
        var stream = new YamlStream();
        var normalizer = new LeadingSpaceNormalizer(new StringReader(text));
        try
        {
            stream.Load(normalizer);
        }
        catch (YamlException e)
        {
            throw new KubeConfigFormatException($"{displayPath}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {ParserMessages.WithoutInput(e.Message)}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet stops without a position here; the normalizer knows where it was reading.
            var (line, column) = normalizer.Position;
            throw new KubeConfigFormatException($"{displayPath}:{line}:{column}: not valid YAML: {LeadingSpaceNormalizer.FlowIndentationReason}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new KubeConfigFile(displayPath, directory, [], [], [], []);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new KubeConfigFormatException($"{displayPath}:{second.Line}:{second.Column}: a kubeconfig holds one YAML document, this file has {stream.Documents.Count}.");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents[0].RootNode;
            var hint = fromPipeline && node is YamlScalarNode
                ? " The pipeline gave one string: to audit a kubeconfig file, give its path to -Path or -LiteralPath (or pipe Get-Item), and pipe only kubeconfig text (Get-Content -Raw, kubectl config view --raw)."
                : string.Empty;
            throw new KubeConfigFormatException($"{displayPath}:{node.Start.Line}:{node.Start.Column}: a kubeconfig is a mapping with clusters, users and contexts, not a {Describe(node)}.{hint}");
        }

        var problems = new List<KubeConfigFormatException>();
        return new KubeConfigFile(
            displayPath,
            directory,
            ReadEntries(root, "clusters", "cluster", displayPath, problems),
            ReadEntries(root, "users", "user", displayPath, problems),
            ReadEntries(root, "contexts", "context", displayPath, problems).Select(ToContext).ToList(),
            problems);
    }

    /// <summary>The scalar text under <paramref name="key"/>, or null when absent or not a scalar.</summary>
    public static string? Scalar(YamlMappingNode mapping, string key) =>
        Child(mapping, key) is YamlScalarNode { Value: var value } ? value : null;

    /// <summary>The node under <paramref name="key"/>, if any.</summary>
    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    // One malformed entry is a problem of its own: the other entries are still read and audited.
    private static List<KubeConfigEntry> ReadEntries(YamlMappingNode root, string listKey, string bodyKey, string displayPath, List<KubeConfigFormatException> problems)
    {
        var entries = new List<KubeConfigEntry>();
        switch (Child(root, listKey))
        {
            case null:
            case YamlScalarNode { Value: null or "" or "~" or "null" }:
                return entries;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    if (item is not YamlMappingNode itemMapping)
                    {
                        problems.Add(Shape(displayPath, item, $"{listKey}[{i}] must be a mapping with name and {bodyKey}, not a {Describe(item)}; this entry is not audited."));
                        continue;
                    }

                    var name = Scalar(itemMapping, "name");
                    if (string.IsNullOrEmpty(name))
                    {
                        problems.Add(Shape(displayPath, item, $"{listKey}[{i}] has no name; this entry is not audited."));
                        continue;
                    }

                    var bodyNode = Child(itemMapping, bodyKey);
                    var body = bodyNode switch
                    {
                        YamlMappingNode mapping => mapping,
                        null or YamlScalarNode { Value: null or "" or "~" or "null" } => new YamlMappingNode(),
                        _ => null,
                    };
                    if (body is null)
                    {
                        problems.Add(Shape(displayPath, bodyNode!, $"{listKey}[{i}].{bodyKey} ('{name}') must be a mapping, not a {Describe(bodyNode!)}; this entry is not audited."));
                        continue;
                    }

                    if (KubeConfigSchema.FirstProblem(bodyKey, body) is var (node, reason))
                    {
                        problems.Add(Shape(displayPath, node, $"{listKey}[{i}].{bodyKey}.{reason} ('{name}'); kubectl cannot load this file, and this entry is not audited."));
                        continue;
                    }

                    entries.Add(new KubeConfigEntry(name, $"{listKey}[{i}].{bodyKey}", body, (int)item.Start.Line, (int)item.Start.Column));
                }

                return entries;
            case var other:
                throw Shape(displayPath, other, $"{listKey} must be a list, not a {Describe(other)}.");
        }
    }

    private static KubeConfigContext ToContext(KubeConfigEntry entry) =>
        new(entry.Name, Scalar(entry.Body, "cluster"), Scalar(entry.Body, "user"));

    private static KubeConfigFormatException Shape(string displayPath, YamlNode node, string message) =>
        new($"{displayPath}:{node.Start.Line}:{node.Start.Column}: {message}");

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };
}
