using ContainerSecurity.Engine.Docker.Connection;
using ContainerSecurity.Engine.Tests.Infrastructure;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Connection;

public sealed class DockerConnectionTests
{
    [SkippableFact]
    public async Task CallsReachARealDaemon()
    {
        using var daemon = Requires.Dockerd();

        var image = daemon.ImportBusyboxImage();
        var id = daemon.Docker("run", "-d", "--name", "probe", "--label", "team=blue", image);
        using var api = DockerConnection.Open(new() { Host = daemon.Endpoint });
        var token = CancellationToken.None;

        await api.PingAsync(token);
        Assert.Equal("1.41", (await api.GetVersionAsync(token)).GetProperty("ApiVersion").GetString());
        Assert.True((await api.GetInfoAsync(token)).GetProperty("Containers").GetInt32() >= 1);
        Assert.Equal("bridge", (await api.InspectNetworkAsync("bridge", token)).GetProperty("Name").GetString());

        var containers = await api.ListContainersAsync(all: false, ["team=blue"], token);
        var summary = Assert.Single(containers);
        Assert.Equal(id, summary.Id);
        Assert.Equal("probe", summary.Name);
        Assert.Empty(await api.ListContainersAsync(all: true, ["team=red"], token));

        var inspect = await api.InspectContainerAsync("probe", token);
        Assert.Equal(id, inspect.GetProperty("Id").GetString());
        Assert.False(inspect.GetProperty("HostConfig").GetProperty("Privileged").GetBoolean());

        var top = await api.ListProcessesAsync(id, null, token);
        Assert.Contains("PID", top.Titles);
        Assert.Contains(top.Processes, row => row.Any(cell => cell.Contains("sleep", StringComparison.Ordinal)));

        var images = await api.ListImagesAsync(all: false, token);
        Assert.Contains(images, i => i.RepoTags.Contains(image));
        Assert.Equal(image, (await api.InspectImageAsync(image, token)).GetProperty("RepoTags")[0].GetString());

        var missing = await Assert.ThrowsAsync<DockerObjectNotFoundException>(() => api.InspectContainerAsync("no-such-container", token));
        Assert.Equal("no-such-container", missing.ObjectName);
    }

    [Fact]
    public async Task AMissingSocketIsAConnectionError()
    {
        using var api = DockerConnection.Open(new() { Host = "unix:///nonexistent/docker.sock", Timeout = TimeSpan.FromSeconds(5) });
        var error = await Assert.ThrowsAsync<DockerConnectionException>(() => api.PingAsync(CancellationToken.None));
        Assert.Contains("unix:///nonexistent/docker.sock", error.Message, StringComparison.Ordinal);
        Assert.False(error.TimedOut);
    }
}
