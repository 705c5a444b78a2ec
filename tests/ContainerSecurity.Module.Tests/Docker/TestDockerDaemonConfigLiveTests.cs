using ContainerSecurity.Tests.Shared;
using static ContainerSecurity.Module.Tests.Docker.DaemonFindings;

namespace ContainerSecurity.Module.Tests.Docker;

/// <summary>
/// Test-DockerDaemonConfig and Get-DockerDaemonConfig against real dockerd processes started for each test, with
/// different daemon.json files and flags. Each daemon is found among all dockerd processes on the machine by the
/// socket it listens on, and its command line is read from /proc.
/// </summary>
public sealed class TestDockerDaemonConfigLiveTests : IDisposable
{
    private readonly ModuleSession _session = new();

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Docker_defaults_fail_the_checks_whose_default_is_insecure_and_say_the_default_decided()
    {
        using var daemon = TestDockerDaemon.StartOrSkip("{}");
        if (daemon is null)
        {
            return;
        }

        var findings = _session.Invoke("Test-DockerDaemonConfig -DockerHost $endpoint -Section 2", new Dictionary<string, object?> { ["endpoint"] = daemon.Endpoint });

        AssertStatuses(findings,
            ("DD002", "Fail"), ("DD003", "Pass"), ("DD004", "Pass"), ("DD005", "Pass"), ("DD006", "Pass"), ("DD007", "Pass"),
            ("DD009", "Fail"), ("DD012", "Fail"), ("DD013", "Fail"), ("DD014", "Fail"), ("DD015", "Fail"), ("DD016", "Fail"),
            ("DD017", "Pass"), ("DD018", "Pass"));
        Assert.StartsWith("icc: not set → default true", Message(findings, "DD002"), StringComparison.Ordinal);
        Assert.Contains("\"icc\": false", (string)Single(findings, "DD002").Properties["Remediation"].Value, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Equal(daemon.Endpoint, ((dynamic)f.Properties["Target"].Value).Host));
    }

    [Fact]
    public void A_hardened_daemon_json_passes_and_each_result_points_at_its_line()
    {
        using var daemon = TestDockerDaemon.StartOrSkip("""
            {
              "icc": false,
              "log-level": "info",
              "no-new-privileges": true,
              "live-restore": true,
              "userland-proxy": false,
              "userns-remap": "default"
            }
            """);
        if (daemon is null)
        {
            return;
        }

        var findings = _session.Invoke("Test-DockerDaemonConfig -DockerHost $endpoint -Section 2", new Dictionary<string, object?> { ["endpoint"] = daemon.Endpoint });

        AssertStatuses(findings, ("DD002", "Pass"), ("DD003", "Pass"), ("DD009", "Pass"), ("DD014", "Pass"), ("DD015", "Pass"), ("DD016", "Pass"));
        Assert.Equal($"icc: false (from {daemon.ConfigFile}:2:3): inter-container traffic on the default bridge is blocked.", Message(findings, "DD002"));
        var target = (dynamic)Single(findings, "DD014").Properties["Target"].Value;
        Assert.Equal((daemon.ConfigFile, 4, 3), ((string)target.File, (int)target.Line, (int)target.Column));
    }

    [Fact]
    public void A_deliberately_weak_daemon_fails_with_tcp_without_tls_as_critical()
    {
        using var daemon = TestDockerDaemon.StartOrSkip(
            """
            {
              "log-level": "debug",
              "insecure-registries": ["registry.internal:5000"],
              "experimental": true,
              "icc": true
            }
            """,
            "-H", "tcp://127.0.0.1:2375");
        if (daemon is null)
        {
            return;
        }

        var findings = _session.Invoke("Test-DockerDaemonConfig -DockerHost $endpoint -Section 2", new Dictionary<string, object?> { ["endpoint"] = daemon.Endpoint });

        AssertStatuses(findings, ("DD002", "Fail"), ("DD003", "Fail"), ("DD005", "Fail"), ("DD007", "Fail"), ("DD018", "Fail"));
        Assert.Equal("Critical", Single(findings, "DD007").Properties["Severity"].Value.ToString());
        Assert.Contains("tcp://127.0.0.1:2375", Message(findings, "DD007"), StringComparison.Ordinal);
        Assert.Contains("registry.internal:5000", Message(findings, "DD005"), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_given_as_flags_are_read_from_proc_with_their_provenance()
    {
        using var daemon = TestDockerDaemon.StartOrSkip("{}", "--log-level", "debug", "--icc=false", "--no-new-privileges");
        if (daemon is null)
        {
            return;
        }

        var variables = new Dictionary<string, object?> { ["endpoint"] = daemon.Endpoint };
        var findings = _session.Invoke("Test-DockerDaemonConfig -DockerHost $endpoint -Id DD002, DD003, DD014", variables);
        var settings = _session.Invoke("Get-DockerDaemonConfig -DockerHost $endpoint -Name log-level, icc, config-file", variables);

        AssertStatuses(findings, ("DD002", "Pass"), ("DD003", "Fail"), ("DD014", "Pass"));
        Assert.StartsWith($"log-level: debug (from /proc/{daemon.DaemonProcessId}/cmdline: --log-level debug)", Message(findings, "DD003"), StringComparison.Ordinal);
        var logLevel = Assert.Single(settings, s => (string)s.Properties["Name"].Value == "log-level");
        Assert.Equal(("debug", "CommandLine", "info"), ((string)logLevel.Properties["Value"].Value, logLevel.Properties["Source"].Value.ToString(), (string)logLevel.Properties["Default"].Value));
        var configFile = Assert.Single(settings, s => (string)s.Properties["Name"].Value == "config-file");
        Assert.Equal(daemon.ConfigFile, configFile.Properties["Value"].Value);
    }

    [Fact]
    public void A_daemon_that_is_down_gives_errors_naming_the_endpoint_and_the_offline_checks_still_report()
    {
        var endpoint = "unix://" + Path.Join(Path.GetTempPath(), $"cs-no-daemon-{Guid.NewGuid():N}.sock");

        var (output, errors) = _session.Run("Test-DockerDaemonConfig -DockerHost $endpoint -TimeoutSec 5", new Dictionary<string, object?> { ["endpoint"] = endpoint });

        var error = Assert.Single(errors);
        Assert.StartsWith("DaemonUnreachable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(endpoint, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("Error", Status(output, "DD006"));
        Assert.Contains(endpoint, Message(output, "DD006"), StringComparison.Ordinal);
        Assert.Equal("Fail", Status(output, "DD002"));
        Assert.False((bool)Assert.Single(_session.Invoke("Test-DockerDaemonConfig -DockerHost $endpoint -TimeoutSec 5 -Quiet", new Dictionary<string, object?> { ["endpoint"] = endpoint })).BaseObject);
    }

    [Fact]
    public void A_daemon_that_never_answers_times_out_with_an_error_naming_the_endpoint()
    {
        var path = Path.Join(Path.GetTempPath(), $"cs-mute-{Guid.NewGuid():N}.sock");
        using var mute = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        mute.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        mute.Listen(4);

        var (output, errors) = _session.Run("Test-DockerDaemonConfig -DockerHost $endpoint -TimeoutSec 1 -Id DD002, DD013", new Dictionary<string, object?> { ["endpoint"] = "unix://" + path });

        var error = Assert.Single(errors);
        Assert.StartsWith("DaemonTimeout,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(path, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("Error", Status(output, "DD013"));
        Assert.Equal("Fail", Status(output, "DD002"));
    }
}
