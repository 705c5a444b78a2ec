using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>
/// 2.7: a daemon that listens on TCP verifies its clients' certificates. TCP without TLS, or TLS without
/// verification, accepts every client as an administrator: Critical.
/// </summary>
internal sealed class TlsListenerCheck : IDaemonCheck
{
    private const string Fix = "true,\n  \"tls\": true,\n  \"tlscacert\": \"/etc/docker/tls/ca.pem\",\n  \"tlscert\": \"/etc/docker/tls/server-cert.pem\",\n  \"tlskey\": \"/etc/docker/tls/server-key.pem\"";

    public string RuleId => "DD007";

    public IReadOnlyList<string> SettingKeys { get; } = ["hosts", "tls", "tlsverify"];

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var config = context.Config;
        var hosts = config["hosts"];
        var tcp = config.Hosts.Where(DaemonEndpoints.IsTcp).ToList();
        var listening = hosts.IsSet ? hosts.Provenance : $"hosts: not set → default {DaemonEndpoints.DefaultUnixHost}";
        if (tcp.Count == 0)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Pass, context.Target(hosts),
                $"{listening}: the daemon does not listen on TCP.",
                new Evidence($"hosts: {string.Join(", ", config.Hosts)}", "no tcp:// host, or tlsverify", hosts.SourceLabel));
            yield break;
        }

        var verify = config["tlsverify"];
        var tls = config["tls"];
        var endpoints = string.Join(", ", tcp);
        var evidence = new Evidence($"hosts: {endpoints}; tls: {tls.Value}; tlsverify: {verify.Value}", "tlsverify: true", $"{hosts.SourceLabel}; {verify.SourceLabel}");
        if (verify.IsTrue)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Pass, context.Target(verify),
                $"{listening}; {verify.Provenance}: only clients with a certificate from the daemon's CA are accepted.", evidence);
        }
        else if (tls.IsTrue)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Fail, context.Target(verify),
                $"{listening}; {tls.Provenance}, but {verify.Provenance}: traffic is encrypted, yet any client that reaches {endpoints} is accepted as an administrator.",
                evidence, DaemonRemedy.For(verify, Fix), Severity.Critical);
        }
        else
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Fail, context.Target(hosts),
                $"{listening}; {verify.Provenance}: the API is served on {endpoints} in plain text, without authentication; anyone who reaches it is root on the host.",
                evidence, DaemonRemedy.For(verify, Fix), Severity.Critical);
        }
    }
}
