namespace ContainerSecurity;

/// <summary>A ready-to-paste fix: a daemon.json fragment, <c>docker run</c> flags, securityContext YAML, RBAC.</summary>
public sealed class RemediationSnippet
{
    /// <summary>Creates a snippet.</summary>
    public RemediationSnippet(string language, string code)
    {
        Language = language;
        Code = code;
    }

    /// <summary>The language of the snippet: <c>json</c>, <c>yaml</c>, <c>shell</c>, <c>dockerfile</c>, <c>powershell</c>.</summary>
    public string Language { get; }

    /// <summary>The text to paste.</summary>
    public string Code { get; }

    /// <inheritdoc/>
    public override string ToString() => Code;
}
