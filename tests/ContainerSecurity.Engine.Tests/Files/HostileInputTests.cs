using System.Text;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Docker.Dockerfiles;
using ContainerSecurity.Engine.Kubernetes.Credentials;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Files;

/// <summary>Every reader against the same hostile files: bad bytes, other encodings, devices, expansion bombs, secrets in broken input.</summary>
public sealed class HostileInputTests
{
    private static readonly string s_examples = Path.Combine(RepoRoot(), "examples");

    private static string RepoRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "ContainerSecurity.sln")))
        {
            directory = Path.GetDirectoryName(directory)!;
        }

        return directory;
    }

    private static byte[] WithBadByte(byte[] utf8, string before)
    {
        var at = Encoding.UTF8.GetString(utf8).IndexOf(before, StringComparison.Ordinal);
        var prefix = Encoding.UTF8.GetByteCount(Encoding.UTF8.GetString(utf8)[..at]);
        return [.. utf8[..prefix], 0xFF, .. utf8[prefix..]];
    }

    private static List<ProblemEvent> Problems(IEnumerable<ScanEvent> events) => events.OfType<ProblemEvent>().ToList();

    [Fact]
    public void Inspect_file_with_invalid_utf8_is_an_error_for_that_file_with_its_offset()
    {
        using var tree = new TempTree();
        var inspect = File.ReadAllBytes(Path.Combine(s_examples, "docker", "inspect-web.json"));
        var bad = tree.Write("bad.json", WithBadByte(inspect, "\"Name\""));

        var events = ContainerScanner.ScanInspectFile(bad, new ContainerScanOptions(), default).ToList();

        var problem = Assert.Single(Problems(events)).Problem;
        Assert.Equal("InvalidInspectEncoding", problem.ErrorId);
        Assert.Contains("not valid UTF-8", problem.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e is FindingEvent);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Inspect_file_in_utf16_or_utf32_with_a_mark_is_audited_like_utf8(string encodingName)
    {
        using var tree = new TempTree();
        var text = File.ReadAllText(Path.Combine(s_examples, "docker", "inspect-web.json"));
        var encoding = Encoding.GetEncoding(encodingName);
        var file = tree.Write("inspect.json", [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);

        var findings = ContainerScanner.ScanInspectFile(file, new ContainerScanOptions(), default).OfType<FindingEvent>().Select(f => f.Finding.RuleId).ToList();
        var expected = ContainerScanner.ScanInspectFile(Path.Combine(s_examples, "docker", "inspect-web.json"), new ContainerScanOptions(), default).OfType<FindingEvent>().Select(f => f.Finding.RuleId).ToList();

        Assert.NotEmpty(findings);
        Assert.Equal(expected, findings);
    }

    [Fact]
    public void Not_json_is_reported_by_place_without_quoting_the_file()
    {
        using var tree = new TempTree();
        var compose = tree.Write("compose.yaml", "name: storefront\nservices:\n  web:\n    environment:\n      DB_PASSWORD: SuperSecret123\n");

        var problem = Assert.Single(Problems(ContainerScanner.ScanInspectFile(compose, new ContainerScanOptions(), default))).Problem;

        Assert.StartsWith($"{compose}:1:", problem.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SuperSecret123", problem.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("storefront", problem.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Daemon_json_with_invalid_utf8_is_a_problem_not_a_crash()
    {
        var file = DaemonConfigFile.Parse("/etc/docker/daemon.json", [.. "{\"labels\": [\"a"u8, 0xC3, .. "b\"], \"icc\": false}"u8]);

        var problem = Assert.Single(file.Problems);
        Assert.Equal((1, 15), (problem.Line, problem.Column));
        Assert.Contains("byte offset 14 are not valid UTF-8", problem.Message, StringComparison.Ordinal);
        Assert.Empty(file.Settings);
    }

    [Fact]
    public void Daemon_json_in_utf16_is_read_and_the_mark_reported_as_dockerd_refuses_it()
    {
        var json = "{\"icc\": false}";
        var file = DaemonConfigFile.Parse("/etc/docker/daemon.json", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(json)]);

        Assert.Equal("false", file.Settings["icc"].Value.Scalar);
        Assert.Contains("UTF-16 LE byte-order mark", Assert.Single(file.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Daemon_json_with_a_utf8_mark_is_read_and_the_mark_reported_as_dockerd_refuses_it()
    {
        // dockerd 20.10: "unable to configure the Docker daemon with file …: invalid character 'ï' looking for beginning of value".
        var file = DaemonConfigFile.Parse("/etc/docker/daemon.json", [.. Encoding.UTF8.GetPreamble(), .. "{\"icc\": false}"u8]);

        Assert.Equal("false", file.Settings["icc"].Value.Scalar);
        Assert.Contains("UTF-8 byte-order mark", Assert.Single(file.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Daemon_json_errors_do_not_quote_values()
    {
        var invalid = DaemonConfigFile.Parse("/etc/docker/daemon.json", "{\"hosts\": [\"tcp://user:Hunter2Secret@x\"] \"icc\": tru}"u8.ToArray());
        var wrongType = DaemonConfigFile.Parse("/etc/docker/daemon.json", "{\"tlskey\": [\"Hunter2Secret\"]}"u8.ToArray());

        Assert.All(invalid.Problems.Concat(wrongType.Problems), p => Assert.DoesNotContain("Hunter2", p.Message, StringComparison.Ordinal));
        Assert.NotEmpty(wrongType.Problems);
    }

    [Fact]
    public void Manifest_with_a_bad_byte_loses_only_that_document()
    {
        using var tree = new TempTree();
        var yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\nspec:\n  containers: []\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: tw"
            + "o\nspec:\n  containers: []\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: three\nspec:\n  containers: []\n";
        var bytes = WithBadByte(Encoding.UTF8.GetBytes(yaml), "o\nspec");
        var file = tree.Write("pods.yaml", bytes);

        var results = ManifestFileSource.ReadPaths([file]).ToList();

        Assert.Equal(["one", "three"], results.Where(r => r.Object is not null).Select(r => r.Object!.Name));
        var problem = Assert.Single(results, r => r.Problem is not null).Problem!;
        Assert.Equal("InvalidManifestEncoding", problem.ErrorId);
        Assert.Equal($"{file}:11:11", problem.Target);
        Assert.Contains($"byte offset {Array.IndexOf(bytes, (byte)0xFF)}", problem.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_in_utf16_is_read()
    {
        using var tree = new TempTree();
        var yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: café\nspec:\n  containers: []\n";
        var file = tree.Write("pod.yaml", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(yaml)]);

        Assert.Equal("café", Assert.Single(ManifestFileSource.ReadPaths([file])).Object?.Name);
    }

    [Fact]
    public async Task Kubeconfig_with_invalid_utf8_is_an_error()
    {
        using var tree = new TempTree();
        var file = tree.Write("config", [.. "apiVersion: v1\nkind: Config\nusers:\n- name: u"u8, 0xFF, .. "\n  user:\n    token: abc\n"u8]);

        var events = new List<ScanEvent>();
        await foreach (var e in KubeConfigAudit.RunAsync([KubeConfigInput.FromFile(file)], new KubeConfigAuditOptions()))
        {
            events.Add(e);
        }

        var problem = Assert.Single(Problems(events)).Problem;
        Assert.Equal("InvalidKubeConfigEncoding", problem.ErrorId);
        Assert.Equal($"{file}:4:10", problem.Target);
    }

    [Fact]
    public void Dockerfile_expansion_bomb_is_an_error_at_its_line_and_the_rest_is_audited()
    {
        var lines = new StringBuilder("ARG A=0123456789012345678901234567890123456789012345678901234567890123\n");
        var previous = "A";
        for (var level = 1; level <= 15; level++)
        {
            lines.Append($"ARG V{level}={string.Concat(Enumerable.Repeat("${" + previous + "}", 4))}\n");
            previous = $"V{level}";
        }

        lines.Append("FROM alpine:${V15}\nENV E=${V15}${V15}\nRUN echo ${V15}\nUSER root\n");
        var before = GC.GetTotalAllocatedBytes();

        var events = DockerfileScanner.Scan(DockerfileDocument.Parse(lines.ToString(), "Dockerfile"), new DockerfileScanOptions()).ToList();

        var problem = Assert.Single(Problems(events)).Problem;
        Assert.Equal(("DockerfileExpansionLimit", ProblemKind.LimitsExceeded, "Dockerfile:9:1"), (problem.ErrorId, problem.Kind, problem.Target));
        Assert.Contains(events.OfType<FindingEvent>(), f => f.Finding.RuleId == "DI001");
        Assert.True(GC.GetTotalAllocatedBytes() - before < 512L * 1024 * 1024, "the bomb must be stopped before it allocates much");
    }

    [Fact]
    public void Deeply_nested_substitution_is_bounded()
    {
        var nested = string.Concat(Enumerable.Repeat("${X:-", 5000)) + "x" + new string('}', 5000);

        var events = DockerfileScanner.Scan(DockerfileDocument.Parse($"FROM alpine\nARG Y={nested}\nUSER app\n", "Dockerfile"), new DockerfileScanOptions()).ToList();

        Assert.Equal(["Dockerfile:2:1: ARG Y: variable substitution is nested more than 32 levels deep; Y is treated as unknown and the rest of the file is audited"],
            Problems(events).Select(p => p.Problem.Exception.Message));
    }

    [Fact]
    public void A_rule_that_meets_a_bomb_in_instruction_text_reports_it()
    {
        var lines = new StringBuilder("FROM alpine\nARG A=" + new string('a', 1000) + "\n");
        var reference = string.Concat(Enumerable.Repeat("${A}", 2000));
        lines.Append($"USER {reference}\n");

        var events = DockerfileScanner.Scan(DockerfileDocument.Parse(lines.ToString(), "Dockerfile"), new DockerfileScanOptions()).ToList();

        Assert.Contains(Problems(events), p => p.Problem.ErrorId == "DockerfileExpansionLimit" && p.Problem.Target == "Dockerfile:3:1");
    }

    [Fact]
    public void Unknown_instruction_is_named_only_when_it_is_a_word()
    {
        var syntax = DockerfileParser.Parse("FROM alpine\nFROBNICATE now\nDB_PASSWORD=Hunter2Secret\n");

        Assert.Contains(syntax.Diagnostics, d => d.Message == "unknown instruction: FROBNICATE");
        Assert.DoesNotContain(syntax.Diagnostics, d => d.Message.Contains("Hunter2", StringComparison.Ordinal));
        Assert.Equal(2, syntax.Diagnostics.Count);
    }

    [Fact]
    public void Dockerfile_in_utf16_is_read_and_one_with_bad_bytes_is_an_error()
    {
        using var tree = new TempTree();
        var utf16 = tree.Write("a/Dockerfile", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("FROM alpine\nUSER root\n")]);
        var bad = tree.Write("b/Dockerfile", [.. "FROM alpine\nUSER r"u8, 0xFE, .. "oot\n"u8]);

        Assert.Contains(DockerfileScanner.ScanFile(utf16, new DockerfileScanOptions()).OfType<FindingEvent>(), f => f.Finding.RuleId == "DI001");
        var problem = Assert.Single(DockerfileScanner.ScanFile(bad, new DockerfileScanOptions())) as ProblemEvent;
        Assert.Equal(("InvalidDockerfileEncoding", $"{bad}:2:7"), (problem!.Problem.ErrorId, problem.Problem.Target));
    }
}
