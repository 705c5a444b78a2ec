using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Tests.Docker.Containers;

public sealed class ContainerScannerTests
{
    [Fact]
    public void MalformedJsonIsOneProblemNamingFileLineAndColumn()
    {
        var file = Write("[{\"Id\": \"abc\",\n  \"HostConfig\": {\n}");
        var problem = Assert.IsType<ProblemEvent>(Assert.Single(ContainerScanner.ScanInspectFile(file, new(), CancellationToken.None)));
        Assert.Equal("InvalidInspectJson", problem.Problem.ErrorId);
        Assert.Equal(ProblemKind.InvalidData, problem.Problem.Kind);
        Assert.StartsWith(file + ":3:", problem.Problem.Target, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadElementIsReportedAndTheOthersAreAudited()
    {
        var good = File.ReadAllText(Path.Join(ContainerSecurity.Tests.Shared.TestPaths.Fixtures, "docker-containers", "DC005", "fail.json")).Trim()[1..^1];
        var file = Write($"[{{\"Id\": \"sha256:abc\", \"RepoTags\": [\"app:1\"], \"Config\": {{}}}}, 42, {good}]");
        var events = ContainerScanner.ScanInspectFile(file, new(), CancellationToken.None).ToList();
        var problems = events.OfType<ProblemEvent>().Select(p => p.Problem).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Target == file + "[0]" && p.Exception.Message.Contains("image inspect", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Target == file + "[1]");
        Assert.Contains(events.OfType<FindingEvent>(), f => f.Finding.RuleId == "DC005" && f.Finding.Status == FindingStatus.Fail);
    }

    [Fact]
    public void SecretsAreNamedButNeverShown()
    {
        var file = Path.Join(ContainerSecurity.Tests.Shared.TestPaths.Fixtures, "docker-containers", "DC031", "fail.json");
        var findings = ContainerScanner.ScanInspectFile(file, new() { RuleIds = new HashSet<string> { "DC031" } }, CancellationToken.None).OfType<FindingEvent>().Select(e => e.Finding).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Message.Contains("DB_PASSWORD", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("GIT_URL", StringComparison.Ordinal) && f.Message.Contains("password in URL", StringComparison.Ordinal));
        Assert.All(findings, f => Assert.DoesNotContain("Summer2024", f.Evidence!.Observed + f.Message, StringComparison.Ordinal));
        Assert.All(findings, f => Assert.DoesNotContain("s3cr3t", f.Evidence!.Observed + f.Message, StringComparison.Ordinal));
    }

    private static string Write(string json)
    {
        var file = Path.Join(Directory.CreateTempSubdirectory("csinspect").FullName, "inspect.json");
        File.WriteAllText(file, json);
        return file;
    }
}
