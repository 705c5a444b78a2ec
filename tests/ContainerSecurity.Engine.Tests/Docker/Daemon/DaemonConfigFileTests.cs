using System.Text;
using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

public sealed class DaemonConfigFileTests
{
    private static DaemonConfigFile Parse(string json) => DaemonConfigFile.Parse("/etc/docker/daemon.json", Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Settings_keep_their_line_and_column()
    {
        var file = Parse("{\n  \"icc\": false,\n    \"log-level\": \"debug\"\n}");

        Assert.True(file.IsValid);
        Assert.Equal((2, 3), (file.Settings["icc"].Line, file.Settings["icc"].Column));
        Assert.Equal((3, 5), (file.Settings["log-level"].Line, file.Settings["log-level"].Column));
        Assert.Equal("false", file.Settings["icc"].Value.Scalar);
    }

    [Theory]
    [InlineData("{\n  \"icc\": false,\n}", 3)]
    [InlineData("{\n  \"icc\": false\n  \"debug\": true\n}", 3)]
    [InlineData("{\n  // comment\n  \"icc\": false\n}", 2)]
    [InlineData("{\n  \"icc\": fals\n}", 2)]
    public void Malformed_json_names_the_file_line_and_column(string json, int line)
    {
        var problem = Assert.Single(Parse(json).Problems);

        Assert.Equal(line, problem.Line);
        Assert.NotNull(problem.Column);
        Assert.StartsWith($"/etc/docker/daemon.json:{line}:{problem.Column}: invalid JSON", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_refused_as_dockerd_refuses_them_and_the_known_ones_still_count()
    {
        var file = Parse("{\n  \"icc\": false,\n  \"no-new-privilege\": true,\n  \"live_restore\": true\n}");

        var problem = Assert.Single(file.Problems);
        Assert.Equal((3, 3), (problem.Line, problem.Column));
        Assert.Contains("the following directives don't match any configuration option: no-new-privilege (line 3), live_restore (line 4)", problem.Message, StringComparison.Ordinal);
        Assert.True(file.Settings.ContainsKey("icc"));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_its_position()
    {
        var problem = Assert.Single(Parse("{\n  \"icc\": \"false\"\n}").Problems);

        Assert.Equal(2, problem.Line);
        Assert.Contains("\"icc\" must be a boolean", problem.Message, StringComparison.Ordinal);
    }

    // Each of these makes dockerd 20.10 exit with "json: cannot unmarshal …" (checked with `dockerd --config-file`), so
    // none may be read as a setting: a number read as userns-remap passed DD009, [5] as hosts passed DD007.
    [Theory]
    [InlineData("{ \"userns-remap\": 5 }", "\"userns-remap\" must be a string")]
    [InlineData("{ \"log-driver\": 5 }", "\"log-driver\" must be a string")]
    [InlineData("{ \"seccomp-profile\": 5 }", "\"seccomp-profile\" must be a string")]
    [InlineData("{ \"default-shm-size\": 67108864 }", "\"default-shm-size\" must be a string")]
    [InlineData("{ \"mtu\": \"1500\" }", "\"mtu\" must be a whole number")]
    [InlineData("{ \"shutdown-timeout\": \"15\" }", "\"shutdown-timeout\" must be a whole number")]
    [InlineData("{ \"hosts\": [5] }", "\"hosts\" must be an array of strings")]
    [InlineData("{ \"authorization-plugins\": [5] }", "\"authorization-plugins\" must be an array of strings")]
    [InlineData("{ \"insecure-registries\": [{ \"a\": 1 }] }", "\"insecure-registries\" must be an array of strings")]
    public void Values_dockerds_decoder_refuses_are_refused_not_read_as_settings(string json, string expected)
    {
        var file = Parse(json);

        Assert.Contains(expected, Assert.Single(file.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(file.Settings);
    }

    [Theory]
    [InlineData("{ \"mtu\": 1500 }")]
    [InlineData("{ \"userns-remap\": \"default\" }")]
    [InlineData("{ \"default-address-pools\": [{ \"base\": \"10.10.0.0/16\", \"size\": 24 }] }")]
    public void Values_dockerd_accepts_are_read(string json) => Assert.Empty(Parse(json).Problems);

    [Fact]
    public void A_flag_name_used_as_a_key_passes_dockerd_validation_but_is_reported_as_ignored()
    {
        var file = Parse("{ \"insecure-registry\": [\"10.0.0.0/8\"] }");

        var problem = Assert.Single(file.Problems);
        Assert.Contains("ignores it. Use \"insecure-registries\"", problem.Message, StringComparison.Ordinal);
        Assert.False(file.Settings.ContainsKey("insecure-registries"));
    }

    [Fact]
    public void Objects_under_unknown_keys_are_flattened_but_map_options_are_kept_whole()
    {
        var file = Parse("{\n  \"tls-options\": {\n    \"tlsverify\": true\n  },\n  \"log-opts\": { \"max-size\": \"10m\" }\n}");

        Assert.True(file.IsValid, string.Join(", ", file.Problems.Select(p => p.Message)));
        Assert.Equal("true", file.Settings["tlsverify"].Value.Scalar);
        Assert.Equal(3, file.Settings["tlsverify"].Line);
        Assert.Equal("10m", file.Settings["log-opts"].Value.Entries["max-size"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void Empty_files_are_an_empty_configuration(string json) =>
        Assert.True(Parse(json) is { IsValid: true, Settings.Count: 0 });

    [Fact]
    public void A_top_level_array_is_refused() =>
        Assert.Contains("must be a JSON object, not an array", Assert.Single(Parse("[1]").Problems).Message, StringComparison.Ordinal);

    [Fact]
    public void The_last_of_duplicate_keys_wins_as_in_gos_decoder()
    {
        var file = Parse("{\n  \"icc\": true,\n  \"icc\": false\n}");

        Assert.Equal("false", file.Settings["icc"].Value.Scalar);
        Assert.Equal(3, file.Settings["icc"].Line);
    }
}
