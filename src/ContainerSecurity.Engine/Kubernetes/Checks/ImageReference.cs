namespace ContainerSecurity.Engine.Kubernetes.Checks;

/// <summary>The parts of an image reference: <c>registry/repository:tag@digest</c>.</summary>
internal readonly record struct ImageReference(string Repository, string? Tag, string? Digest)
{
    public static ImageReference Parse(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@');
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        // A colon after the last slash is a tag; one before it is a registry port.
        var colon = image.LastIndexOf(':');
        var slash = image.LastIndexOf('/');
        return colon > slash ? new(image[..colon], image[(colon + 1)..], digest) : new(image, null, digest);
    }
}
