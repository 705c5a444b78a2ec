namespace ContainerSecurity.Engine.Catalog;

/// <summary>A rule document that does not follow the catalog format; names the document and the line.</summary>
public sealed class RuleDocumentException : Exception
{
    public RuleDocumentException(string document, int line, string problem)
        : base($"{document}:{line}: {problem}")
    {
        Document = document;
        Line = line;
    }

    public string Document { get; }

    public int Line { get; }
}
