using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

public sealed class DaemonCommandLineTests
{
    private static DaemonCommandLine Parse(params string[] arguments) => DaemonCommandLine.Parse("test", arguments);

    [Theory]
    [InlineData("--log-level=debug")]
    [InlineData("--log-level", "debug")]
    [InlineData("-l", "debug")]
    [InlineData("-ldebug")]
    [InlineData("-l=debug")]
    public void Every_spelling_of_a_valued_flag_is_read(params string[] arguments)
    {
        var line = Parse(arguments);

        Assert.Empty(line.Problems);
        Assert.Equal("debug", line.Settings["log-level"].Value.Scalar);
        Assert.Equal(string.Join(' ', arguments), line.Settings["log-level"].Text);
    }

    [Theory]
    [InlineData("/etc/docker/custom.json", "--config-file=/etc/docker/custom.json")]
    [InlineData("/etc/docker/custom.json", "--config-file", "/etc/docker/custom.json")]
    public void The_config_file_is_found_written_either_way(string expected, params string[] arguments) =>
        Assert.Equal(expected, Parse(arguments).ConfigFile);

    [Fact]
    public void Repeated_list_flags_accumulate_and_other_flags_take_the_last_value()
    {
        var line = Parse("--insecure-registry", "a:5000", "--insecure-registry=b:5000", "--log-level", "warn", "--log-level=error", "--log-opt", "max-size=10m");

        Assert.Equal(["a:5000", "b:5000"], line.Settings["insecure-registries"].Value.Items);
        Assert.Equal("error", line.Settings["log-level"].Value.Scalar);
        Assert.Equal("10m", line.Settings["log-opts"].Value.Entries["max-size"]);
    }

    [Fact]
    public void Booleans_never_take_the_next_argument()
    {
        var line = Parse("--icc", "false", "--userland-proxy=false", "-D");

        Assert.Equal("true", line.Settings["icc"].Value.Scalar);
        Assert.Equal("false", line.Settings["userland-proxy"].Value.Scalar);
        Assert.Equal("true", line.Settings["debug"].Value.Scalar);
        Assert.Contains("does not take positional arguments", Assert.Single(line.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown flag: --bogus", "--bogus")]
    [InlineData("flag needs an argument: --log-level", "--log-level")]
    [InlineData("not a boolean", "--icc=maybe")]
    [InlineData("unknown shorthand flag: 'Z'", "-Z")]
    [InlineData("expected key=value", "--log-opt", "max-size")]
    public void What_dockerd_refuses_is_reported(string message, params string[] arguments) =>
        Assert.Contains(message, Assert.Single(Parse(arguments).Problems).Message, StringComparison.Ordinal);

    [Fact]
    public void One_string_splits_like_a_shell_would() =>
        Assert.Equal(
            ["--log-level", "debug", "--tlscacert", "/etc/docker/my ca.pem", "-H", "unix:///x"],
            DaemonCommandLine.Split("--log-level debug --tlscacert \"/etc/docker/my ca.pem\"  -H 'unix:///x'"));

    [Fact]
    public void The_tls_environment_of_dockerd_sets_defaults_that_flags_still_override()
    {
        var line = Parse("--tlscert=/etc/docker/tls/server.pem").WithEnvironment(
            new Dictionary<string, string> { ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = "/etc/docker/tls/" },
            "/proc/7/environ");

        Assert.Equal("true", line.Settings["tlsverify"].Value.Scalar);
        Assert.Equal("DOCKER_TLS_VERIFY=1 in /proc/7/environ", line.Settings["tlsverify"].Text);
        Assert.Equal("/etc/docker/tls/ca.pem", line.Settings["tlscacert"].Value.Scalar);
        Assert.Equal("/etc/docker/tls/server.pem", line.Settings["tlscert"].Value.Scalar);
    }
}
