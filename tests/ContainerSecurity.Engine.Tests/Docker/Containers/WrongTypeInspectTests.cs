using System.Text.Json.Nodes;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Containers;

/// <summary>
/// A field of the wrong type in docker inspect output is not "not set": read that way, "Privileged": "yes" passed
/// DC005. The container is an error naming it, the field and the type the field must have; the others are audited.
/// </summary>
public sealed class WrongTypeInspectTests
{
    private static readonly JsonNode s_real = JsonNode.Parse(File.ReadAllText(Path.Join(TestPaths.Fixtures, "docker-containers", "DC005", "fail.json")))!.AsArray()[0]!;

    [Theory]
    [InlineData("HostConfig.Privileged", "\"yes\"", "HostConfig.Privileged must be a boolean, not a string")]
    [InlineData("HostConfig.Binds", "\"/var/run/docker.sock:/var/run/docker.sock\"", "HostConfig.Binds must be an array, not a string")]
    [InlineData("Config.Env", "\"DB_PASSWORD=hunter2\"", "Config.Env must be an array, not a string")]
    [InlineData("HostConfig.CapAdd", "[\"NET_ADMIN\", 7]", "HostConfig.CapAdd[1] must be a string, not a number")]
    [InlineData("HostConfig.Memory", "\"a lot\"", "HostConfig.Memory must be a number, not a string")]
    [InlineData("HostConfig.RestartPolicy", "\"always\"", "HostConfig.RestartPolicy must be an object, not a string")]
    [InlineData("Mounts", "[{\"Type\": \"bind\", \"Source\": \"/\", \"Destination\": \"/host\", \"RW\": \"true\"}]", "Mounts[0].RW must be a boolean, not a string")]
    [InlineData("HostConfig.SecurityOpt", "{\"seccomp\": \"unconfined\"}", "HostConfig.SecurityOpt must be an array, not an object")]
    public void A_field_of_the_wrong_type_is_an_error_for_that_container_and_the_others_are_audited(string field, string json, string expected)
    {
        var bad = s_real.DeepClone();
        bad["Name"] = "/odd";
        Set(bad, field, JsonNode.Parse(json));
        var good = s_real.DeepClone();
        good["Name"] = "/fine";
        good["Id"] = "f00d" + new string('0', 60);
        var file = Path.Join(Directory.CreateTempSubdirectory("cs-types").FullName, "inspect.json");
        File.WriteAllText(file, new JsonArray(bad, good).ToJsonString());

        var events = ContainerScanner.ScanInspectFile(file, new() { IncludePassed = true }, CancellationToken.None).ToList();

        var problem = Assert.Single(events.OfType<ProblemEvent>()).Problem;
        Assert.Equal("InvalidContainerInspect", problem.ErrorId);
        Assert.Equal(ProblemKind.InvalidData, problem.Kind);
        Assert.Contains("container 'odd'", problem.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem.Exception.Message, StringComparison.Ordinal);
        var findings = events.OfType<FindingEvent>().Select(e => e.Finding).ToList();
        Assert.DoesNotContain(findings, f => f.Target.Name == "odd");
        Assert.Contains(findings, f => f.Target.Name == "fine" && f.RuleId == "DC005");
    }

    [Fact]
    public void Nulls_and_numeric_strings_are_what_daemons_write_and_are_read()
    {
        var container = s_real.DeepClone();
        container["HostConfig"]!["CapAdd"] = null;
        container["HostConfig"]!["Memory"] = "67108864";
        var file = Path.Join(Directory.CreateTempSubdirectory("cs-types").FullName, "inspect.json");
        File.WriteAllText(file, new JsonArray(container).ToJsonString());

        var events = ContainerScanner.ScanInspectFile(file, new() { IncludePassed = true }, CancellationToken.None).ToList();

        Assert.Empty(events.OfType<ProblemEvent>());
        Assert.Contains(events.OfType<FindingEvent>(), e => e.Finding.RuleId == "DC011" && e.Finding.Status == FindingStatus.Pass);
    }

    private static void Set(JsonNode document, string path, JsonNode? value)
    {
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(document, (node, name) => node[name]!);
        parent[names[^1]] = value;
    }
}
