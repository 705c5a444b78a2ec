using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>
/// 4.5: DOCKER_CONTENT_TRUST is enabled for the people and services that run docker. It is a client setting: the
/// system-wide /etc/environment decides for every login session; the auditing session's own environment counts too
/// when the audited host is this machine.
/// </summary>
internal sealed class ContentTrustCheck : IDaemonCheck
{
    private const string Variable = "DOCKER_CONTENT_TRUST";
    private const string Fix = "echo 'DOCKER_CONTENT_TRUST=1' | sudo tee -a /etc/environment";

    public string RuleId => "DD019";

    public IReadOnlyList<string> SettingKeys { get; } = [];

    /// <summary>The docker CLI's rule: set, and either a true boolean or not a boolean at all.</summary>
    public static bool Enables(string? value) => !string.IsNullOrEmpty(value) && SettingValue.ParseGoBool(value) != false;

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var (systemValue, line) = ReadEnvironmentFile(context.Root.Resolve("/etc/environment"));
        var systemSource = line is null ? context.Root.Display("/etc/environment") : $"{context.Root.Display("/etc/environment")}:{line}";
        var sessionValue = context.Environment?.Invoke(Variable);
        var target = new FindingTarget { Host = context.Config.Host, Kind = "Environment", Name = Variable, File = context.Root.IsSystemRoot ? "/etc/environment" : Path.Join(context.Root.Root, "etc/environment"), Line = line };
        var observed = $"/etc/environment: {systemValue ?? "(not set)"}" + (context.Environment is null ? string.Empty : $"; this session: {sessionValue ?? "(not set)"}");
        var evidence = new Evidence(observed, $"{Variable}=1", context.Environment is null ? systemSource : $"{systemSource}; environment of this session");

        if (Enables(systemValue))
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Pass, target,
                $"{Variable}={systemValue} in {systemSource}: the docker CLI pulls and runs only signed tags in every login session.", evidence);
        }
        else if (Enables(sessionValue))
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Warn, target,
                $"{Variable}={sessionValue} in this session only; {systemSource} does not set it, so other sessions and services pull unsigned images.",
                evidence, Fix);
        }
        else
        {
            var why = systemValue is null ? "is not set" : $"is '{systemValue}', which disables it";
            yield return FindingFactory.Create(RuleId, FindingStatus.Fail, target,
                $"{Variable} {why} ({systemSource}{(context.Environment is null ? string.Empty : "; nor in this session")}): any image under a tag is accepted, whoever pushed it.",
                evidence, Fix);
        }
    }

    /// <summary>pam_env's /etc/environment: KEY=VALUE lines, optionally quoted; the last assignment wins.</summary>
    private static (string? Value, int? Line) ReadEnvironmentFile(string path)
    {
        if (!File.Exists(path))
        {
            return (null, null);
        }

        string? value = null;
        int? found = null;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            if (line.StartsWith(Variable + "=", StringComparison.Ordinal))
            {
                value = line[(Variable.Length + 1)..].Trim().Trim('"', '\'');
                found = number;
            }
        }

        return (value, found);
    }
}
