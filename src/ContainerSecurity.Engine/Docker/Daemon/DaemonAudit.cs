using System.Runtime.CompilerServices;
using ContainerSecurity.Engine.Docker.Daemon.Checks;
using ContainerSecurity.Engine.Docker.HostFiles;
using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Docker.Daemon;

/// <summary>
/// The Docker daemon audit: CIS Docker 1.6.0 section 2 (daemon configuration), section 3 (daemon files), 4.5
/// (content trust) and who controls the daemon (the docker group), over the merged configuration with provenance.
/// </summary>
public static class DaemonAudit
{
    /// <summary>Checks whose decisive evidence is the running daemon's report; they are errors when it cannot be asked.</summary>
    private static readonly HashSet<string> s_liveChecks = new(StringComparer.Ordinal) { "DD001", "DD006", "DD013", "DD017" };

    /// <summary>Every check, in rule-id order.</summary>
    private static IEnumerable<IDaemonCheck> Checks() =>
        new IDaemonCheck[]
        {
            new RootlessCheck(), new LogLevelCheck(), new StorageDriverCheck(), new TlsListenerCheck(), new LoggingDriverCheck(),
            new LiveRestoreCheck(), new SeccompCheck(), new ContentTrustCheck(), new DockerGroupCheck(),
        }
        .Concat(SettingChecks.All())
        .Concat(FilePermissionCheck.All())
        .OrderBy(c => c.RuleId, StringComparer.Ordinal);

    /// <summary>The rule ids the audit evaluates.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = Checks().Select(c => c.RuleId).ToList();

    /// <summary>Runs the audit: verbose details and problems first, then one or more findings per check.</summary>
    public static async IAsyncEnumerable<ScanEvent> RunAsync(DaemonAuditOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var loader = new DaemonConfigLoader(options);
        var context = await loader.LoadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var loaded in loader.Events)
        {
            yield return loaded;
        }

        var checks = Checks().Where(c => options.IncludeRule?.Invoke(c.RuleId) ?? true).ToList();
        for (var i = 0; i < checks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var check = checks[i];
            yield return new ProgressEvent("Auditing the Docker daemon configuration", check.RuleId, i * 100 / checks.Count);
            foreach (var finding in Evaluate(check, context, loader.LiveFailure, options.AuditHostFiles))
            {
                yield return new FindingEvent(finding);
            }
        }

        yield return new ProgressEvent("Auditing the Docker daemon configuration", "Done", 100, Completed: true);
    }

    /// <summary>The merged configuration, one public setting per dockerd option, with the problems met while loading.</summary>
    public static async Task<(IReadOnlyList<DaemonSetting> Settings, IReadOnlyList<ScanEvent> Events)> GetSettingsAsync(DaemonAuditOptions options, CancellationToken cancellationToken)
    {
        var loader = new DaemonConfigLoader(options);
        var context = await loader.LoadAsync(cancellationToken).ConfigureAwait(false);
        var settings = context.Config.Settings.Select(s => s.ToPublic(context.Config.Host)).ToList();
        return (settings, loader.Events);
    }

    /// <summary>Checks that read the host's files rather than the daemon's configuration.</summary>
    private static bool IsHostFileCheck(string ruleId) => ruleId.StartsWith("DF", StringComparison.Ordinal) || ruleId is "DD019" or "DD020";

    private static IEnumerable<Finding> Evaluate(IDaemonCheck check, DaemonAuditContext context, LiveDaemonException? liveFailure, bool auditHostFiles)
    {
        if (!auditHostFiles && IsHostFileCheck(check.RuleId))
        {
            return [FindingFactory.Create(check.RuleId, FindingStatus.NotApplicable, new FindingTarget { Host = context.Config.Host },
                $"The daemon at {context.Config.Host} is not on this machine, so its host's files cannot be examined here; mount that host's file system and pass it with -Root.")];
        }

        IReadOnlyList<Finding> findings;
        try
        {
            findings = check.Evaluate(context).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A host file that vanished or cannot be read mid-check is this check's error, not the audit's end.
            findings = [FindingFactory.Create(check.RuleId, FindingStatus.Error, new FindingTarget { Host = context.Config.Host }, $"The check could not complete: {e.Message}")];
        }

        if (liveFailure is null || !s_liveChecks.Contains(check.RuleId))
        {
            return findings;
        }

        // The configuration alone cannot settle these: say what it suggests, and that the daemon did not confirm it.
        return findings.Select(f => FindingFactory.Create(
            f.RuleId,
            FindingStatus.Error,
            f.Target,
            $"The daemon at {liveFailure.Endpoint} could not be asked ({liveFailure.Message}); from the configuration alone: [{f.Status}] {f.Message}",
            f.Evidence,
            f.Remediation));
    }
}
