using System.Management.Automation;
using ContainerSecurity.Engine.Docker.Connection;

namespace ContainerSecurity.Commands.Docker;

/// <summary>
/// The connection parameters of the cmdlets that read a live Docker daemon, in the <see cref="DaemonSet"/>
/// parameter set: where the daemon is and which TLS material proves who we are, resolved like the docker CLI.
/// </summary>
public abstract class DockerDaemonCommandBase : ContainerSecurityCommandBase
{
    /// <summary>The parameter set of a live daemon audit.</summary>
    protected const string DaemonSet = "Daemon";

    /// <summary>The daemon address (unix:///var/run/docker.sock, tcp://host:2376); default DOCKER_HOST, else the local socket.</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    [Alias("Host", "H")]
    [ValidateNotNullOrEmpty]
    public string? DockerHost { get; set; }

    /// <summary>Verify the daemon's TLS certificate against the CA (docker --tlsverify); default DOCKER_TLS_VERIFY.</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    public SwitchParameter TlsVerify { get; set; }

    /// <summary>The CA certificate (PEM) for a TLS daemon; default DOCKER_CERT_PATH/ca.pem.</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    [Alias("TlsCACert")]
    [ValidateNotNullOrEmpty]
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>The client certificate (PEM) for a TLS daemon; default DOCKER_CERT_PATH/cert.pem.</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    [Alias("TlsCert")]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    /// <summary>The client key (PEM) for a TLS daemon; default DOCKER_CERT_PATH/key.pem.</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    [Alias("TlsKey")]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    /// <summary>Seconds one Engine API call may take before it fails.</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>How many containers or images are inspected at once.</summary>
    [Parameter(ParameterSetName = DaemonSet)]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Connects and pings the daemon; ends the command with a terminating error when it does not answer.</summary>
    protected IDockerApi OpenDaemon()
    {
        var options = new DockerEndpointOptions
        {
            Host = DockerHost,
            TlsVerify = TlsVerify.IsPresent ? true : null,
            CertificateAuthorityPath = ProviderPath(CertificateAuthorityPath),
            CertificatePath = ProviderPath(CertificatePath),
            KeyPath = ProviderPath(KeyPath),
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
        };
        var api = DockerDaemonSession.TryOpen(options, Cancellation, out var error);
        if (api is null)
        {
            ThrowTerminatingError(error!);
        }

        WriteVerbose(string.Format(Strings.DockerConnected, api!.Endpoint, api.Endpoint.Source));
        return api;
    }

    /// <summary>
    /// The rules of <paramref name="prefix"/> that -RuleId selects, resolved once per command; null for all of them.
    /// A selection of nothing stops the command: an empty result would read as a clean one.
    /// </summary>
    protected IReadOnlySet<string>? SelectRules(string[]? ruleId, string prefix)
    {
        try
        {
            return ruleId is null ? null : RuleSelection.Resolve(ruleId, prefix);
        }
        catch (ArgumentException e)
        {
            ThrowCommandError(e, "NoRuleSelected", ErrorCategory.InvalidArgument, ruleId);
            return null;
        }
    }

    private string? ProviderPath(string? path) => path is null ? null : GetUnresolvedProviderPathFromPSPath(path);
}
