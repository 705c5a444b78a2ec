using ContainerSecurity.Engine.Http;
using k8s;
using k8s.Exceptions;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>How to reach a cluster: a kubeconfig file and context, or the in-cluster service account.</summary>
public sealed record ClusterConnectionOptions
{
    /// <summary>The kubeconfig file; <see langword="null"/> for $KUBECONFIG or ~/.kube/config, then in-cluster.</summary>
    public string? KubeConfigPath { get; init; }

    /// <summary>The kubeconfig context; <see langword="null"/> for the current context.</summary>
    public string? Context { get; init; }

    /// <summary>How long one API request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How large one answer may be (headers and body); beyond it the scan stops and names the bound.</summary>
    public ResponseLimits ResponseLimits { get; init; } = ResponseLimits.Kubernetes;
}

/// <summary>A connected client, the namespace its configuration defaults to, where it points, and its request bounds.</summary>
public sealed class ClusterConnection(IKubernetes client, string defaultNamespace, string endpoint, TimeSpan? requestTimeout = null, ResponseLimits? responseLimits = null)
    : IDisposable
{
    /// <summary>The KubernetesClient client.</summary>
    public IKubernetes Client { get; } = client;

    /// <summary>The context's namespace, or the service account's namespace in a cluster, or <c>default</c>.</summary>
    public string DefaultNamespace { get; } = defaultNamespace;

    /// <summary>The API server address, for messages.</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; } = requestTimeout ?? new ClusterConnectionOptions().RequestTimeout;

    /// <summary>How large one answer may be.</summary>
    public ResponseLimits ResponseLimits { get; } = responseLimits ?? ResponseLimits.Kubernetes;

    /// <summary>
    /// Connects the way kubectl does: an explicit kubeconfig (and context); else $KUBECONFIG or ~/.kube/config when
    /// present; else, inside a pod, the mounted service account.
    /// </summary>
    /// <exception cref="ClusterConfigurationException">No configuration, or a bad one.</exception>
    public static ClusterConnection Connect(ClusterConnectionOptions options)
    {
        KubernetesClientConfiguration configuration;
        try
        {
            var path = options.KubeConfigPath ?? FirstKubeConfigFromEnvironment() ?? KubernetesClientConfiguration.KubeConfigDefaultLocation;
            if (options.KubeConfigPath is null && options.Context is null && !File.Exists(path) && KubernetesClientConfiguration.IsInCluster())
            {
                configuration = KubernetesClientConfiguration.InClusterConfig();
            }
            else if (!File.Exists(path))
            {
                throw new ClusterConfigurationException($"No kubeconfig file at {path}, and not running inside a cluster. Use -KubeConfig or set KUBECONFIG.");
            }
            else
            {
                configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, options.Context);
            }

            configuration.HttpClientTimeout = options.RequestTimeout;
            var limits = options.ResponseLimits;
            configuration.FirstMessageHandlerSetup = handler =>
            {
                handler.ConnectTimeout = options.RequestTimeout;
                handler.MaxResponseHeadersLength = limits.MaxHeaderKilobytes;
            };

            // Bodies are read under the request's deadline and bounded: KubernetesClient would otherwise read them
            // after the deadline, synchronously (deaf to Ctrl+C) and without limit.
            var client = new k8s.Kubernetes(configuration, new BoundedResponseHandler(limits.MaxBodyBytes));
            return new ClusterConnection(client, configuration.Namespace ?? "default", configuration.Host, options.RequestTimeout, limits);
        }
        catch (Exception e) when (e is KubeConfigException or YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException
            or FormatException or System.Security.Cryptography.CryptographicException)
        {
            // A malformed kubeconfig, a missing certificate file or bad base64 all mean the same to the user.
            throw new ClusterConfigurationException($"The Kubernetes configuration cannot be used: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();

    private static string? FirstKubeConfigFromEnvironment()
    {
        var variable = Environment.GetEnvironmentVariable("KUBECONFIG");
        return string.IsNullOrWhiteSpace(variable) ? null : variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0];
    }
}

/// <summary>The cluster configuration is missing or unusable: nothing can be listed.</summary>
public sealed class ClusterConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
