using System.Text;
using System.Text.Json;
using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

public sealed class DaemonConfigMergerTests
{
    private static DaemonConfigFile File(string json) => DaemonConfigFile.Parse("/etc/docker/daemon.json", Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Each_setting_says_which_layer_decided_it()
    {
        var config = DaemonConfigMerger.Merge("host", File("{\n  \"icc\": false\n}"), DaemonCommandLine.Parse("/proc/42/cmdline", ["--log-level", "debug"]), null);

        Assert.Equal("icc: false (from /etc/docker/daemon.json:2:3)", config["icc"].Provenance);
        Assert.Equal("log-level: debug (from /proc/42/cmdline: --log-level debug)", config["log-level"].Provenance);
        Assert.Equal("live-restore: not set → default false", config["live-restore"].Provenance);
        Assert.Equal(DaemonSettingSource.Default, config["live-restore"].Source);
    }

    [Fact]
    public void A_key_given_as_flag_and_in_the_file_is_a_conflict_dockerd_refuses()
    {
        var config = DaemonConfigMerger.Merge("host", File("{\n  \"icc\": true\n}"), DaemonCommandLine.Parse("x", ["--icc=false"]), null);

        var conflict = Assert.Single(config.Conflicts);
        Assert.Equal((2, 3), (conflict.Line, conflict.Column));
        Assert.Contains("specified both as a flag and in the configuration file: icc: (from flag: false, from file: true)", conflict.Message, StringComparison.Ordinal);
        Assert.NotNull(config["icc"].Conflict);
    }

    [Fact]
    public void The_live_daemon_overrides_a_configuration_it_disagrees_with_and_says_so()
    {
        var bridge = JsonDocument.Parse("""{ "Options": { "com.docker.network.bridge.enable_icc": "true" } }""").RootElement;
        var info = JsonDocument.Parse("""{ "LoggingDriver": "json-file", "Driver": "overlay2", "SecurityOptions": ["name=seccomp,profile=default"] }""").RootElement;
        var live = LiveDaemonState.From("unix:///x.sock", info, bridge, null);

        var config = DaemonConfigMerger.Merge("host", File("{ \"icc\": false, \"log-driver\": \"json-file\" }"), DaemonCommandLine.Empty, live);

        Assert.Equal(DaemonSettingSource.LiveDaemon, config["icc"].Source);
        Assert.Contains("the configuration changed since the daemon started", config["icc"].Conflict, StringComparison.Ordinal);
        Assert.Equal(DaemonSettingSource.ConfigFile, config["log-driver"].Source);
        Assert.Equal(DaemonSettingSource.LiveDaemon, config["storage-driver"].Source);
        Assert.Equal("default", live.SeccompProfile);
    }

    // Docker.DotNet hands back "" for a field the daemon left out; an endpoint that reports no logging driver said
    // nothing about it, and DD013 passed on that empty name ("the running daemon reports ").
    [Fact]
    public void An_empty_text_the_daemon_reports_is_not_taken_as_its_setting()
    {
        var info = JsonDocument.Parse("""{ "LoggingDriver": "", "Driver": "" }""").RootElement;
        var live = LiveDaemonState.From("unix:///x.sock", info, null, null);

        var config = DaemonConfigMerger.Merge("host", File("{}"), DaemonCommandLine.Empty, live);

        Assert.Null(live.LoggingDriver);
        Assert.Equal(DaemonSettingSource.Default, config["log-driver"].Source);
        Assert.Equal("json-file", config["log-driver"].Value?.Scalar ?? "json-file");
    }
}
