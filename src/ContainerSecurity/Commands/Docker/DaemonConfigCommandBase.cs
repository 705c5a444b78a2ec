using System.Management.Automation;
using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Commands.Docker;

/// <summary>
/// The sources of a Docker daemon's configuration that Test-DockerDaemonConfig and Get-DockerDaemonConfig share: a
/// daemon.json and dockerd flags offline, a host tree mounted elsewhere, and the live daemon (with the docker CLI's
/// endpoint and TLS options). Without any offline source the live daemon is audited.
/// </summary>
public abstract class DaemonConfigCommandBase : ContainerSecurityCommandBase
{
    /// <summary>A daemon.json to audit instead of the daemon's own. Without -DockerHost, nothing is asked of a live daemon.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>dockerd command-line flags to audit, as separate items or as one string ('--icc=false --log-level debug').</summary>
    [Parameter]
    [ValidateNotNull]
    [AllowEmptyCollection]
    public string[]? DaemonArgument { get; set; }

    /// <summary>The directory where the audited host's file system is mounted; host files and /etc/docker/daemon.json resolve under it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Root { get; set; }

    /// <summary>Do not contact a daemon: audit only files and flags.</summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    /// <summary>The daemon address (unix:///var/run/docker.sock, tcp://host:2376); default DOCKER_HOST, else the local socket.</summary>
    /// <remarks>Same names and aliases as the container and image audits (DockerDaemonCommandBase).</remarks>
    [Parameter]
    [Alias("Host", "H")]
    [ValidateNotNullOrEmpty]
    public string? DockerHost { get; set; }

    /// <summary>Verify the daemon's TLS certificate against the CA (docker --tlsverify); default DOCKER_TLS_VERIFY.</summary>
    [Parameter]
    public SwitchParameter TlsVerify { get; set; }

    /// <summary>The CA certificate (PEM) for a TLS daemon; default DOCKER_CERT_PATH/ca.pem.</summary>
    [Parameter]
    [Alias("TlsCACert")]
    [ValidateNotNullOrEmpty]
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>The client certificate (PEM) for a TLS daemon; default DOCKER_CERT_PATH/cert.pem.</summary>
    [Parameter]
    [Alias("TlsCert")]
    [ValidateNotNullOrEmpty]
    public string? CertificatePath { get; set; }

    /// <summary>The client key (PEM) for a TLS daemon; default DOCKER_CERT_PATH/key.pem.</summary>
    [Parameter]
    [Alias("TlsKey")]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    /// <summary>Seconds one Engine API call may take before it fails.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>Whether the live daemon is asked: -DockerHost given, or no offline source (-Path, -DaemonArgument, -Root, -Offline).</summary>
    protected bool IsLive => !Offline && (DockerHost is not null || (Path is null && DaemonArgument is null && Root is null));

    /// <summary>Builds the engine's options; an unusable endpoint or TLS material stops the command.</summary>
    protected DaemonAuditOptions BuildOptions(IReadOnlyList<string>? trustedUsers = null, Func<string, bool>? includeRule = null)
    {
        // A root that is not there has no files: every host-file check would be "not applicable" and the audit clean.
        var root = Resolve(Root);
        if (root is not null && !Directory.Exists(root))
        {
            ThrowCommandError(
                new ItemNotFoundException(string.Format(System.Globalization.CultureInfo.CurrentCulture, Strings.DaemonRootNotFound, Root, root)),
                "DaemonRootNotFound",
                ErrorCategory.ObjectNotFound,
                Root);
        }

        ILiveDaemonQuery? live = null;
        if (IsLive)
        {
            try
            {
                live = DockerApiLiveQuery.Open(new DockerEndpointOptions
                {
                    Host = DockerHost,
                    TlsVerify = TlsVerify.IsPresent ? true : null,
                    CertificateAuthorityPath = Resolve(CertificateAuthorityPath),
                    CertificatePath = Resolve(CertificatePath),
                    KeyPath = Resolve(KeyPath),
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                });
            }
            catch (ArgumentException e)
            {
                ThrowCommandError(e, "InvalidDockerHost", ErrorCategory.InvalidArgument, DockerHost);
            }
            catch (LiveDaemonException e)
            {
                ThrowCommandError(e, "DockerTlsMaterialInvalid", ErrorCategory.SecurityError, DockerHost);
            }
        }

        return new DaemonAuditOptions
        {
            ConfigPath = Resolve(Path),
            DaemonArguments = DaemonArgument,
            Root = root ?? "/",
            Live = live,
            AuditHostFiles = live is null || live.IsLocal || Root is not null,
            TrustedUsers = trustedUsers,
            Environment = System.Environment.GetEnvironmentVariable,
            IncludeRule = includeRule,
        };
    }

    /// <summary>A path relative to the current PowerShell location, made absolute (it need not exist: the engine reports that).</summary>
    private string? Resolve(string? path) =>
        path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
