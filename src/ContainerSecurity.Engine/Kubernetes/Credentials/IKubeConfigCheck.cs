using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>One group of kubeconfig rules; yields findings (pass and fail) and per-entry problems.</summary>
internal interface IKubeConfigCheck
{
    IEnumerable<ScanEvent> Evaluate(KubeConfigFile file, KubeConfigAuditOptions options);
}
