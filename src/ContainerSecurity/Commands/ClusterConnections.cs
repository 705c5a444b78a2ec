using System.Management.Automation;
using ContainerSecurity.Engine.Kubernetes.Sources;

namespace ContainerSecurity.Commands;

/// <summary>Opens the live-cluster connection the Kubernetes cmdlets share, from their -KubeConfig, -Context and -TimeoutSec.</summary>
internal static class ClusterConnections
{
    /// <summary>Connects, or stops the command with ClusterConfigurationInvalid when the kubeconfig cannot be used.</summary>
    public static ClusterConnection Open(PSCmdlet cmdlet, string? kubeConfig, string? context, int timeoutSec)
    {
        try
        {
            return ClusterConnection.Connect(new ClusterConnectionOptions
            {
                KubeConfigPath = kubeConfig is null ? null : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(kubeConfig),
                Context = context,
                RequestTimeout = TimeSpan.FromSeconds(timeoutSec),
            });
        }
        catch (ClusterConfigurationException e)
        {
            cmdlet.ThrowTerminatingError(ContainerSecurityCommandBase.Masked(new ErrorRecord(e, "ClusterConfigurationInvalid", ErrorCategory.InvalidArgument, kubeConfig ?? context)));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }
}
