using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Infrastructure;

/// <summary>
/// What an integration test needs from the machine. Outside CI a missing component makes the test Skipped with the
/// reason (it must be a [SkippableFact] or [SkippableTheory]), so a run never counts an unrun test as passed; with
/// CI=true it is a failure, as TestDockerDaemon.StartOrSkip already makes it for dockerd.
/// </summary>
internal static class Requires
{
    /// <summary>A private dockerd started with <paramref name="daemonJson"/> and <paramref name="flags"/>; the caller disposes it.</summary>
    public static TestDockerDaemon Dockerd(string daemonJson = "{}", params string[] flags)
    {
        var daemon = TestDockerDaemon.StartOrSkip(daemonJson, flags);
        Skip.If(daemon is null, "dockerd cannot be started on this machine (not installed, or no permission to create a network namespace); with CI=true this fails.");
        return daemon;
    }

    /// <summary>Files owned by other users (chown) can be laid out only by root.</summary>
    public static void Root(string what)
    {
        Assert.False(!TestHostTree.CanChown && TestDockerDaemon.IsCi, $"CI=true: {what} need root.");
        Skip.IfNot(TestHostTree.CanChown, $"{what} need root to chown files; run the tests as root (CI does).");
    }
}
