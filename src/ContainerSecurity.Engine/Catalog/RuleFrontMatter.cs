namespace ContainerSecurity.Engine.Catalog;

/// <summary>The YAML front matter of a rule document, as written; <see cref="RuleDocumentParser"/> validates it.</summary>
internal sealed class RuleFrontMatter
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Platform { get; set; }

    public string? Asset { get; set; }

    public List<string>? Stride { get; set; }

    public string? Severity { get; set; }

    public string? Check { get; set; }

    public List<ReferenceEntry>? References { get; set; }

    internal sealed class ReferenceEntry
    {
        public string? Source { get; set; }

        public string? Id { get; set; }

        public string? Url { get; set; }
    }
}
