using ContainerSecurity.Engine.Files;
using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Docker.HostFiles;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// Gathers the layers of the daemon's configuration for an audit: the live daemon's report, its command line (given,
/// or read from /proc for a local daemon), its configuration file (given, named by --config-file, or the default under
/// the root). Every problem becomes an event, and loading goes on with what could be read.
/// </summary>
internal sealed class DaemonConfigLoader(DaemonAuditOptions options)
{
    private readonly List<ScanEvent> _events = [];

    public IReadOnlyList<ScanEvent> Events => _events;

    /// <summary>Why the live daemon could not be asked; null when it answered or was not asked.</summary>
    public LiveDaemonException? LiveFailure { get; private set; }

    public async Task<DaemonAuditContext> LoadAsync(CancellationToken cancellationToken)
    {
        var root = new HostRoot(options.Root);
        if (!Directory.Exists(root.Root))
        {
            // Nothing under a missing root can be examined; auditing it would report every host file as not applicable.
            throw new DirectoryNotFoundException($"The audited host's root {root.Root} is not a directory that exists.");
        }

        var live = await QueryLiveAsync(cancellationToken).ConfigureAwait(false);
        var commandLine = ReadCommandLine(root);
        var (file, auditedFile) = ReadConfigFile(root, commandLine, cancellationToken);
        foreach (var problem in commandLine.Problems)
        {
            Problem("InvalidDaemonArgument", ProblemKind.InvalidData, problem.Location, problem);
        }

        var host = options.Live?.Endpoint ?? options.ConfigPath ?? (root.IsSystemRoot ? Environment.MachineName : root.Root);
        var config = DaemonConfigMerger.Merge(host, file, commandLine, live);
        foreach (var conflict in config.Conflicts)
        {
            Problem("DaemonConfigConflict", ProblemKind.InvalidData, conflict.Location, conflict);
        }

        return new DaemonAuditContext(config, root, options.TrustedUsers, root.IsSystemRoot ? options.Environment : null) { ConfigFile = auditedFile };
    }

    private async Task<LiveDaemonState?> QueryLiveAsync(CancellationToken cancellationToken)
    {
        if (options.Live is not { } query)
        {
            return null;
        }

        try
        {
            var report = await query.QueryAsync(cancellationToken).ConfigureAwait(false);
            _events.Add(new VerboseEvent($"Asked the daemon at {report.Endpoint}: GET /info, /networks/bridge, /version."));
            return LiveDaemonState.From(report.Endpoint, report.Info, report.BridgeNetwork, report.Version);
        }
        catch (LiveDaemonException e)
        {
            LiveFailure = e;
            Problem(e.TimedOut ? "DaemonTimeout" : "DaemonUnreachable", e.TimedOut ? ProblemKind.Timeout : ProblemKind.ConnectionError, e.Endpoint, e);
            return null;
        }
    }

    private DaemonCommandLine ReadCommandLine(HostRoot root)
    {
        if (options.DaemonArguments is { } given)
        {
            return DaemonCommandLine.Parse("-DaemonArgument", given.SelectMany(DaemonCommandLine.Split).ToList());
        }

        if (options.Live is null)
        {
            // Offline host audit: the flags the host's docker.service would start dockerd with. A daemon.json given
            // with -Path is audited on its own (with -DaemonArgument), not with this machine's unit.
            if (options.ConfigPath is null && SystemdUnitCommandLine.Read(root) is { } unit)
            {
                _events.Add(new VerboseEvent($"Read the dockerd command line from {unit.Origin}: {string.Join(' ', SecretDetector.MaskArguments(unit.Arguments))}"));
                return unit;
            }

            return DaemonCommandLine.Empty;
        }

        if (options.Live is not { IsLocal: true } live)
        {
            return DaemonCommandLine.Empty;
        }

        if (LiveFailure is not null)
        {
            // No daemon answers there, so no process serves it: the unreachable endpoint is already reported.
            return DaemonCommandLine.Empty;
        }

        var processes = DockerdProcessReader.ReadAll(options.ProcRoot);
        var candidates = processes.Select(p => (Process: p, CommandLine: DaemonCommandLine.Parse(p.Origin, p.Arguments))).ToList();
        var serving = candidates.Where(c => HostsOf(c.CommandLine, root).Any(h => DaemonEndpoints.Serves(h, live.Endpoint))).ToList();
        _events.Add(new VerboseEvent($"Found {processes.Count} dockerd process(es): {string.Join("; ", candidates.Select(c => c.Process.Origin))}."));
        if (serving.Count >= 1)
        {
            var (process, commandLine) = serving[0];
            _events.Add(new VerboseEvent($"{process.Origin} serves {live.Endpoint}: {string.Join(' ', SecretDetector.MaskArguments(process.Arguments))}"));
            return commandLine.WithEnvironment(DockerdProcessReader.ReadEnvironment(process, options.ProcRoot), $"/proc/{process.Pid}/environ");
        }

        Problem("DaemonProcessNotFound", ProblemKind.NotFound, live.Endpoint, new InvalidOperationException(
            $"None of the {processes.Count} dockerd process(es) on this machine listens on {live.Endpoint}, so the daemon's command-line flags are unknown; "
            + "settings are judged from the configuration file, the daemon's own report and defaults. Pass the flags with -DaemonArgument."));
        return DaemonCommandLine.Empty;
    }

    /// <summary>The addresses a daemon listens on: its -H flags, else its configuration file's hosts, else the default socket.</summary>
    private static IEnumerable<string> HostsOf(DaemonCommandLine commandLine, HostRoot root)
    {
        if (commandLine.Settings.TryGetValue("hosts", out var hosts))
        {
            return hosts.Value.Items;
        }

        var path = commandLine.ConfigFile ?? DaemonConfigFile.DefaultPath;
        try
        {
            var local = root.Resolve(path);
            if (File.Exists(local) && DaemonConfigFile.Parse(path, InputFile.ReadAllBytes(local, InputKind.DaemonConfig, CancellationToken.None)).Settings.TryGetValue("hosts", out var fromFile))
            {
                return fromFile.Value.Items;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable, too large or not a regular file: fall back to the default, as the real read below reports the problem.
        }

        return [DaemonEndpoints.DefaultUnixHost];
    }

    private (DaemonConfigFile? File, AuditedFile? Audited) ReadConfigFile(HostRoot root, DaemonCommandLine commandLine, CancellationToken cancellationToken)
    {
        AuditedFile audited;
        bool explicitlyNamed;
        if (options.ConfigPath is { } given)
        {
            audited = new AuditedFile(given, given, Required: true);
            explicitlyNamed = true;
        }
        else
        {
            var hostPath = commandLine.ConfigFile ?? DaemonConfigFile.DefaultPath;
            audited = new AuditedFile(hostPath, root.Resolve(hostPath), Required: commandLine.ConfigFile is not null);
            explicitlyNamed = commandLine.ConfigFile is not null;
        }

        var display = options.ConfigPath ?? root.Display(audited.HostPath);
        if (Directory.Exists(audited.LocalPath))
        {
            Problem("DaemonConfigIsDirectory", ProblemKind.InvalidData, display, new DaemonConfigException(display, null, null, "is a directory, not a daemon configuration file; dockerd refuses to start with it"));
            return (null, audited);
        }

        if (!File.Exists(audited.LocalPath))
        {
            if (explicitlyNamed)
            {
                Problem("DaemonConfigNotFound", ProblemKind.NotFound, display, new FileNotFoundException($"{display}: the daemon configuration file does not exist; dockerd refuses to start when the file named by --config-file is missing.", display));
            }
            else
            {
                _events.Add(new VerboseEvent($"{display} does not exist: the daemon runs on its defaults and flags."));
            }

            return (null, audited);
        }

        byte[] content;
        try
        {
            // Only a regular file of bounded size is read (/dev/zero or a FIFO named here must not hang or exhaust memory).
            content = InputFile.ReadAllBytes(audited.LocalPath, InputKind.DaemonConfig, cancellationToken);
        }
        catch (NotRegularFileException e)
        {
            Problem("NotRegularFile", ProblemKind.InvalidData, display, new DaemonConfigException(display, null, null, e.Message[(e.Path.Length + 2)..], e));
            return (null, audited);
        }
        catch (InputTooLargeException e)
        {
            Problem("DaemonConfigTooLarge", ProblemKind.LimitsExceeded, display, new DaemonConfigException(display, null, null, e.Message[(e.Path.Length + 2)..], e));
            return (null, audited);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            Problem("DaemonConfigUnreadable", ProblemKind.PermissionDenied, display, new DaemonConfigException(display, null, null, "cannot be read: " + e.Message, e));
            return (null, audited);
        }

        var file = DaemonConfigFile.Parse(audited.HostPath, content);
        foreach (var problem in file.Problems)
        {
            var id = problem.Message.Contains("don't match any configuration option", StringComparison.Ordinal) ? "UnknownDaemonConfigKey" : "InvalidDaemonConfig";
            Problem(id, ProblemKind.InvalidData, problem.Location, problem);
        }

        _events.Add(new VerboseEvent($"Read {display}: {file.Settings.Count} setting(s)."));
        return (file, audited);
    }

    private void Problem(string errorId, ProblemKind kind, string target, Exception exception) =>
        _events.Add(new ProblemEvent(new ScanProblem(errorId, kind, target, exception)));
}
