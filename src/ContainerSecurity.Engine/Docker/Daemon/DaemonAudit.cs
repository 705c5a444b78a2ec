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

        return liveFailure is null ? findings : WithoutTheDaemon(check, context, liveFailure, findings);
    }

    /// <summary>
    /// The daemon was to be asked and did not answer, so neither its running values nor its command-line flags are
    /// known. A verdict resting on an option that the configuration file (or -DaemonArgument) does not set would only
    /// be dockerd's default speaking: it ends in Error, with what the files alone suggest. Verdicts decided from the
    /// files alone stand, and say so.
    /// </summary>
    private static IReadOnlyList<Finding> WithoutTheDaemon(IDaemonCheck check, DaemonAuditContext context, LiveDaemonException failure, IReadOnlyList<Finding> findings)
    {
        var unknown = check.SettingKeys.Where(key => !context.Config[key].IsSet).ToList();
        var noAnswer = $"No daemon answered at {failure.Endpoint} ({failure.InnerException?.Message ?? failure.Message})";
        if (unknown.Count == 0)
        {
            var basis = check.SettingKeys.Count == 0 ? "the host's files" : $"{string.Join(", ", check.SettingKeys)} as configured";
            return findings.Select(f => FindingFactory.Create(
                f.RuleId,
                f.Status,
                f.Target,
                $"{f.Message} [Decided from {basis} alone: {noAnswer}.]",
                f.Evidence is { } e ? new Evidence(e.Observed, e.Expected, $"{e.Source}; the daemon did not answer") : null,
                f.Remediation,
                f.Severity)).ToList();
        }

        var where = context.ConfigFile?.HostPath ?? DaemonConfigFile.DefaultPath;
        return findings.Select(f => FindingFactory.Create(
            f.RuleId,
            FindingStatus.Error,
            f.Target,
            $"{noAnswer}, so the settings it runs with are unknown: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not set in {where} nor by -DaemonArgument, and its dockerd flags cannot be read. "
            + $"From the configuration file and dockerd's defaults alone: [{f.Status}] {f.Message}",
            f.Evidence,
            f.Remediation)).ToList();
    }
}
