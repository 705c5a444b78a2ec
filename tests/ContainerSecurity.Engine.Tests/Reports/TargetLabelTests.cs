using ContainerSecurity.Engine.Reports;

namespace ContainerSecurity.Engine.Tests.Reports;

public sealed class TargetLabelTests
{
    [Fact]
    public void A_workload_is_one_asset_whatever_line_field_or_container()
    {
        var a = new FindingTarget { File = "k8s/web.yaml", Line = 7, Namespace = "shop", Kind = "Deployment", Name = "web", Container = "nginx", FieldPath = "x" };
        var b = new FindingTarget { File = "k8s/web.yaml", Line = 30, Namespace = "shop", Kind = "Deployment", Name = "web", Container = "sidecar" };

        Assert.Equal("shop/Deployment/web (k8s/web.yaml)", TargetLabel.Of(Asset.Pod, a));
        Assert.Equal(TargetLabel.Of(Asset.Pod, a), TargetLabel.Of(Asset.Pod, b));
    }

    [Fact]
    public void A_daemon_is_its_endpoint_and_a_file_named_after_itself_is_the_file()
    {
        Assert.Equal("unix:///var/run/docker.sock", TargetLabel.Of(Asset.Daemon, new FindingTarget { Host = "unix:///var/run/docker.sock", File = "/etc/docker/daemon.json", Line = 1 }));
        Assert.Equal("images/web/Dockerfile", TargetLabel.Of(Asset.Image, new FindingTarget { File = "images/web/Dockerfile", Kind = "Dockerfile", Name = "images/web/Dockerfile" }));
        Assert.Equal("/etc/docker/daemon.json", TargetLabel.Of(Asset.HostFiles, new FindingTarget { Host = "local", File = "/etc/docker/daemon.json" }));
        Assert.Equal("Container/db", TargetLabel.Of(Asset.Container, new FindingTarget { Host = "local", Kind = "Container", Name = "db" }));
    }
}
