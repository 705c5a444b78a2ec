using ContainerSecurity.Engine.Docker.Connection;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// What the daemon applies to every container that does not say otherwise, which container inspect does not show:
/// today no-new-privileges (CIS 2.14), which makes every container's processes NoNewPrivs=1. GET /info does not
/// report it, so it is read as the daemon audit reads it: the dockerd command line of the local process that serves
/// the endpoint (/proc/PID/cmdline) and the configuration file it names (or /etc/docker/daemon.json).
/// </summary>
/// <param name="NoNewPrivileges">The daemon's no-new-privileges default; null when it cannot be known (remote daemon, no serving process found).</param>
/// <param name="Provenance">Where the value comes from ("no-new-privileges: true (from /proc/42/cmdline: --no-new-privileges)"), or why it is unknown.</param>
public sealed record DaemonContainerDefaults(bool? NoNewPrivileges, string Provenance)
{
    /// <summary>Reads the defaults of the daemon behind <paramref name="api"/>; never throws for a daemon that cannot be read.</summary>
    public static async Task<DaemonContainerDefaults> ReadAsync(IDockerApi api, string procRoot, CancellationToken cancellationToken)
    {
        var query = new BorrowedLiveQuery(api);
        if (!query.IsLocal)
        {
            return new(null, $"the daemon at {api.Endpoint} is not on this machine, so its dockerd flags and daemon.json cannot be read here");
        }

        var loader = new DaemonConfigLoader(new DaemonAuditOptions { Live = query, ProcRoot = procRoot, Root = "/" });
        var context = await loader.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loader.LiveFailure is { } failure)
        {
            return new(null, $"the daemon could not be asked ({failure.Message})");
        }

        if (ReferenceEquals(context.Config.CommandLine, DaemonCommandLine.Empty))
        {
            return new(null, $"no dockerd process on this machine serves {api.Endpoint}, so its flags are unknown");
        }

        var setting = context.Config["no-new-privileges"];
        return new(setting.Value?.AsBool() ?? false, setting.Provenance);
    }

    /// <summary>The audit's connection, lent to the daemon configuration loader: disposing it is the owner's business.</summary>
    private sealed class BorrowedLiveQuery(IDockerApi api) : ILiveDaemonQuery
    {
        private readonly DockerApiLiveQuery _query = new(api);

        public string Endpoint => _query.Endpoint;

        public bool IsLocal => _query.IsLocal;

        public Task<LiveDaemonReport> QueryAsync(CancellationToken cancellationToken) => _query.QueryAsync(cancellationToken);

        public void Dispose()
        {
        }
    }
}
