using ContainerSecurity.Engine.Docker.HostFiles;
using ContainerSecurity.Engine.Tests.Infrastructure;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Docker.Daemon;

public sealed class HostRootTests
{
    [Fact]
    public void Absolute_links_resolve_inside_the_root_never_to_this_machines_files()
    {
        using var tree = new TestHostTree();
        tree.Link("/var/run", "/run");
        tree.Write("/run/docker.pid", "1");
        tree.Link("/etc/docker/daemon.json", "/srv/config/daemon.json");
        tree.Link("/etc/docker/relative.json", "../docker-real.json");

        var root = new HostRoot(tree.Root);

        Assert.Equal(tree.Local("/run/docker.pid"), root.Resolve("/var/run/docker.pid"));
        Assert.Equal(tree.Local("/srv/config/daemon.json"), root.Resolve("/etc/docker/daemon.json"));
        Assert.Equal(tree.Local("/etc/docker-real.json"), root.Resolve("/etc/docker/relative.json"));
        Assert.Equal(tree.Local("/etc/passwd"), root.Resolve("/../../etc/passwd"));
    }

    [Fact]
    public void A_link_loop_ends_instead_of_hanging()
    {
        using var tree = new TestHostTree();
        tree.Link("/a", "/b");
        tree.Link("/b", "/a");

        Assert.StartsWith(tree.Root, new HostRoot(tree.Root).Resolve("/a/x"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Status_reports_real_owner_and_mode_even_of_a_socket()
    {
        Requires.Root("ownership tests");

        using var tree = new TestHostTree();
        var socket = tree.Socket("/run/docker.sock", "0660", 0, 999);
        var file = tree.Write("/etc/docker/daemon.json", "{}", "0604", 1000, 1001);

        var socketStatus = UnixFileStatus.Read(socket);
        var fileStatus = UnixFileStatus.Read(file);

        Assert.Equal((0u, 999u, "0660", true), (socketStatus.Uid, socketStatus.Gid, socketStatus.OctalMode, socketStatus.IsSocket));
        Assert.Equal((1000u, 1001u, "0604", false), (fileStatus.Uid, fileStatus.Gid, fileStatus.OctalMode, fileStatus.IsDirectory));
        Assert.Throws<FileNotFoundException>(() => UnixFileStatus.Read(tree.Local("/nope")));
    }
}
