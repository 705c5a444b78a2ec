using ContainerSecurity.Engine.Files;

namespace ContainerSecurity.Engine.Tests.Files;

public sealed class InputFileWalkerTests
{
    private static List<InputEntry> Walk(string path, InputKind? kind = null) =>
        InputFileWalker.Enumerate(path, kind ?? InputKind.Dockerfile).ToList();

    [Fact]
    public void A_fifo_in_a_folder_is_skipped_with_a_warning_and_never_opened()
    {
        using var tree = new TempTree();
        tree.Fifo("Dockerfile");
        tree.Write("app/Dockerfile", "FROM alpine\n");

        var entries = Walk(tree.Root);

        Assert.Equal([Path.Combine(tree.Root, "app", "Dockerfile")], entries.Where(e => e.File is not null).Select(e => e.File!));
        Assert.Contains(entries, e => e.Warning is { } w && w.Contains("named pipe (FIFO)", StringComparison.Ordinal) && w.StartsWith(Path.Combine(tree.Root, "Dockerfile"), StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_with_two_self_links_ends_and_reads_each_file_once()
    {
        using var tree = new TempTree();
        tree.Write("sub/Dockerfile", "FROM alpine\n");
        tree.Link("sub/self", ".");
        tree.Link("sub/parent", "..");
        tree.Link("loop", "sub");

        var files = Walk(tree.Root).Where(e => e.File is not null).Select(e => e.File!).ToList();

        Assert.Equal([Path.Combine(tree.Root, "sub", "Dockerfile")], files);
    }

    [Fact]
    public void A_link_to_a_folder_outside_the_tree_is_not_followed_and_said()
    {
        using var outside = new TempTree();
        outside.Write("Dockerfile", "FROM alpine\n");
        using var tree = new TempTree();
        tree.Link("elsewhere", outside.Root);
        tree.Link("proc", "/proc");

        var entries = Walk(tree.Root);

        Assert.DoesNotContain(entries, e => e.File is not null);
        Assert.Equal(2, entries.Count(e => e.Warning?.Contains("outside the folder given", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void Proc_is_walked_without_leaving_it()
    {
        // /proc/<pid>/cwd and /proc/<pid>/root lead to the whole host: a walk of /proc must stay in /proc.
        var files = InputFileWalker.Enumerate("/proc/self", InputKind.Manifest with { IsWanted = _ => true })
            .Where(e => e.File is not null).Select(e => e.File!).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.StartsWith("/proc/self/", f, StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.StartsWith("/proc/self/cwd/", StringComparison.Ordinal) || f.StartsWith("/proc/self/root/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/dev/zero", "character device")]
    [InlineData("/dev/urandom", "character device")]
    public void A_device_named_explicitly_is_an_error(string path, string kind)
    {
        var entry = Assert.Single(Walk(path));

        Assert.Equal("NotRegularFile", entry.Problem?.ErrorId);
        Assert.Contains(kind, entry.Problem!.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fifo_named_explicitly_is_an_error_not_a_hang()
    {
        using var tree = new TempTree();
        var fifo = tree.Fifo("pod.yaml");

        var entry = Assert.Single(Walk(fifo, InputKind.Manifest));

        Assert.Equal("NotRegularFile", entry.Problem?.ErrorId);
    }

    [Fact]
    public void A_folder_given_for_a_kind_that_reads_only_files_says_so()
    {
        using var tree = new TempTree();

        var entry = Assert.Single(Walk(tree.Root, InputKind.KubeConfig));

        Assert.Equal("PathIsFolder", entry.Problem?.ErrorId);
        Assert.Contains("name the kubeconfig file itself", entry.Problem!.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_come_in_ordinal_order_depth_first()
    {
        using var tree = new TempTree();
        tree.Write("b/Dockerfile", "FROM a\n");
        tree.Write("a/z/Dockerfile", "FROM a\n");
        tree.Write("a/Dockerfile", "FROM a\n");
        tree.Write("Containerfile", "FROM a\n");
        tree.Write("notes.txt", "x");

        var files = Walk(tree.Root).Select(e => Path.GetRelativePath(tree.Root, e.File!)).ToList();

        Assert.Equal(["Containerfile", "a/Dockerfile", "a/z/Dockerfile", "b/Dockerfile"], files);
    }
}
