namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>The daemon answered 404: the container, image or network does not exist (or no longer exists).</summary>
public sealed class DockerObjectNotFoundException : Exception
{
    public DockerObjectNotFoundException(string message, string objectName, Exception? innerException)
        : base(message, innerException) => ObjectName = objectName;

    /// <summary>The id or name that was asked for.</summary>
    public string ObjectName { get; }
}
