using System.Diagnostics;
using ContainerSecurity.Engine.Http;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

/// <summary>
/// Live listing against API servers that misbehave at the socket level (a blackholed port, a server that accepts and
/// never answers, endless bodies and headers): one error that names the server and the lists not read, within the
/// timeout, with bounded memory, and Ctrl+C (the token) honoured at every step.
/// </summary>
public sealed class ClusterServerFaultTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);
    private readonly string _directory = Directory.CreateTempSubdirectory("cluster-fault-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(Misbehaviour.Blackhole)]
    [InlineData(Misbehaviour.Silent)]
    [InlineData(Misbehaviour.TrickleBody)]
    public async Task A_server_that_does_not_answer_costs_one_timeout_and_names_the_lists_not_read(Misbehaviour behaviour)
    {
        using var server = MisbehavingServer.Tcp(behaviour);
        var watch = Stopwatch.StartNew();
        var results = await Read(server, ["shop", "web"]).WaitAsync(TimeSpan.FromSeconds(15));

        var problem = Assert.Single(results, r => r.Problem is not null).Problem!;
        Assert.Equal("ClusterRequestTimeout", problem.ErrorId);
        Assert.Equal(ProblemKind.Timeout, problem.Kind);
        Assert.Contains(server.HttpAddress, problem.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("within 1 s", problem.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Not read: serviceaccounts in namespace shop, serviceaccounts in namespace web, poddisruptionbudgets in namespace shop", problem.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("and 10 more.", problem.Exception.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.True(server.Connections <= 1, $"{server.Connections} connections after the first timeout");
    }

    [Theory]
    [InlineData(Misbehaviour.EndlessBody, "a body larger than 4 MB")]
    [InlineData(Misbehaviour.EndlessHeaders, "headers longer than 64 KB")]
    public async Task An_endless_answer_stops_at_the_bound_with_one_error(Misbehaviour behaviour, string bound)
    {
        using var server = MisbehavingServer.Tcp(behaviour);
        var results = await Read(server, ["shop", "web"], new ResponseLimits(64 * 1024, 4 * 1024 * 1024)).WaitAsync(TimeSpan.FromSeconds(15));

        var problem = Assert.Single(results, r => r.Problem is not null).Problem!;
        Assert.Equal("ClusterResponseTooLarge", problem.ErrorId);
        Assert.Equal(ProblemKind.LimitsExceeded, problem.Kind);
        Assert.Contains(server.HttpAddress, problem.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(bound, problem.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Not read: serviceaccounts in namespace shop", problem.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Connections);

        // Reading stopped near the bound (what the socket buffers still held aside), not at the end of memory.
        Assert.True(server.BytesSent < 64L * 1024 * 1024, $"{server.BytesSent} bytes were sent");
    }

    [Theory]
    [InlineData(Misbehaviour.Blackhole)]
    [InlineData(Misbehaviour.Silent)]
    [InlineData(Misbehaviour.TrickleBody)]
    public async Task Cancellation_ends_the_listing_within_a_second(Misbehaviour behaviour)
    {
        using var server = MisbehavingServer.Tcp(behaviour);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Read(server, ["shop"], timeout: TimeSpan.FromMinutes(5), cancellation: cancellation.Token).WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(1300), $"took {watch.Elapsed}");
    }

    private async Task<List<ManifestReadResult>> Read(
        MisbehavingServer server,
        IReadOnlyList<string> namespaces,
        ResponseLimits? limits = null,
        TimeSpan? timeout = null,
        CancellationToken cancellation = default)
    {
        var kubeConfig = Path.Join(_directory, "kubeconfig");
        File.WriteAllText(kubeConfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: hostile
              cluster:
                server: {server.HttpAddress}
            users:
            - name: tester
              user:
                token: hostile-token
            contexts:
            - name: hostile
              context:
                cluster: hostile
                user: tester
            current-context: hostile
            """);

        using var connection = ClusterConnection.Connect(new ClusterConnectionOptions
        {
            KubeConfigPath = kubeConfig,
            RequestTimeout = timeout ?? s_timeout,
            ResponseLimits = limits ?? ResponseLimits.Kubernetes,
        });
        var results = new List<ManifestReadResult>();
        await foreach (var result in ClusterObjectSource.ReadAsync(connection, ClusterResource.PodWorkloads, new ClusterScope(namespaces), cancellation))
        {
            results.Add(result);
        }

        return results;
    }
}
