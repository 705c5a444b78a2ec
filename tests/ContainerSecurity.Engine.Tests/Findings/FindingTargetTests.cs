namespace ContainerSecurity.Engine.Tests.Findings;

public sealed class FindingTargetTests
{
    [Fact]
    public void A_file_target_reads_file_colon_line_with_the_object_and_container() =>
        Assert.Equal(
            "k8s/web.yaml:12 shop/Deployment/web[nginx]",
            new FindingTarget { File = "k8s/web.yaml", Line = 12, Namespace = "shop", Kind = "Deployment", Name = "web", Container = "nginx" }.ToString());

    [Fact]
    public void A_live_object_reads_namespace_kind_name() =>
        Assert.Equal("kube-system/DaemonSet/proxy", new FindingTarget { Namespace = "kube-system", Kind = "DaemonSet", Name = "proxy" }.ToString());

    [Fact]
    public void A_host_target_reads_as_the_host() =>
        Assert.Equal("unix:///var/run/docker.sock", new FindingTarget { Host = "unix:///var/run/docker.sock" }.ToString());
}
