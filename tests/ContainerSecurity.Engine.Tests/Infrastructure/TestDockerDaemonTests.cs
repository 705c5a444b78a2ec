using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Infrastructure;

/// <summary>The Docker integration tests stand on this fixture: a private dockerd that runs containers of a local image.</summary>
public sealed class TestDockerDaemonTests
{
    [SkippableFact]
    public void A_private_daemon_starts_with_its_config_and_runs_a_container_from_an_imported_image()
    {
        using var daemon = Requires.Dockerd("""{ "log-level": "warn" }""");

        var image = daemon.ImportBusyboxImage();
        var id = daemon.Docker("run", "-d", "--name", "fixture-check", "--memory", "64m", image);

        Assert.Equal("running", daemon.Docker("inspect", "--format", "{{.State.Status}}", id));
        Assert.Equal("67108864", daemon.Docker("inspect", "--format", "{{.HostConfig.Memory}}", id));
        Assert.Contains("--config-file=" + daemon.ConfigFile, File.ReadAllText($"/proc/{daemon.DaemonProcessId}/cmdline").Replace('\0', ' '), StringComparison.Ordinal);
    }
}
