using System.Net;
using ContainerSecurity.Engine.Scanning;
using YamlDotNet.RepresentationModel;
using static ContainerSecurity.Engine.Kubernetes.Credentials.KubeConfigFindings;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>KC004 (insecure-skip-tls-verify) and KC005 (plain-http server) for each cluster entry.</summary>
internal sealed class ServerTransportCheck : IKubeConfigCheck
{
    public IEnumerable<ScanEvent> Evaluate(KubeConfigFile file, KubeConfigAuditOptions options)
    {
        foreach (var cluster in file.Clusters)
        {
            var contexts = UsedBy(file.ContextsUsingCluster(cluster.Name));
            var skip = KubeConfigReader.Child(cluster.Body, "insecure-skip-tls-verify");
            if (IsTrue(skip))
            {
                var target = Target(file, cluster, ClusterKind, "insecure-skip-tls-verify", skip);
                yield return Finding("KC004", FindingStatus.Fail, target,
                    $"Cluster '{cluster.Name}'{contexts} accepts any server certificate: insecure-skip-tls-verify is true, so credentials go to whoever intercepts the connection.",
                    new Evidence("insecure-skip-tls-verify: true", "certificate-authority-data (or certificate-authority) of the cluster's CA", Where(target)));
            }
            else
            {
                yield return Finding("KC004", FindingStatus.Pass, Target(file, cluster, ClusterKind), $"Cluster '{cluster.Name}' verifies the API server's certificate.");
            }

            var serverNode = KubeConfigReader.Child(cluster.Body, "server") as YamlScalarNode;
            if (serverNode?.Value is not { Length: > 0 } server)
            {
                continue;
            }

            var serverTarget = Target(file, cluster, ClusterKind, "server", serverNode);
            if (Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
            {
                var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
                yield return Finding("KC005", FindingStatus.Fail, serverTarget,
                    loopback
                        ? $"Cluster '{cluster.Name}'{contexts} is reached over plain HTTP at {server}; it is a loopback address (kubectl proxy or a port-forward), so only local processes can read the traffic."
                        : $"Cluster '{cluster.Name}'{contexts} is reached over plain HTTP at {server}: tokens, Secrets and every object cross the network in clear text.",
                    new Evidence($"server: {server}", "an https:// server URL", Where(serverTarget)),
                    loopback ? Severity.Low : null);
            }
            else
            {
                yield return Finding("KC005", FindingStatus.Pass, serverTarget, $"Cluster '{cluster.Name}' is reached over HTTPS at {server}.");
            }
        }
    }
}
