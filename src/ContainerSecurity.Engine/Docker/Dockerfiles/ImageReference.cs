namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>An image reference split into repository, tag and digest: "registry:5000/team/app:1.2@sha256:…".</summary>
public sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    public static ImageReference Parse(string reference)
    {
        var at = reference.IndexOf('@');
        var digest = at < 0 ? null : reference[(at + 1)..];
        var name = at < 0 ? reference : reference[..at];

        // A colon after the last slash separates the tag; one before it is a registry port.
        var colon = name.LastIndexOf(':');
        var tag = colon > name.LastIndexOf('/') ? name[(colon + 1)..] : null;
        return new ImageReference(tag is null ? name : name[..colon], tag, digest);
    }
}
