namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>A kubeconfig that is not valid YAML or does not have the kubeconfig shape; the message names file:line:column.</summary>
public sealed class KubeConfigFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public KubeConfigFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
