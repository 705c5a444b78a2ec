using ContainerSecurity.Engine.Kubernetes;
using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;
using ContainerSecurity.Tests.Shared;
using k8s;
using k8s.Models;

namespace ContainerSecurity.Engine.Tests.Kubernetes;

/// <summary>Live-cluster listing against the test API server, fed with objects built from KubernetesClient's models.</summary>
public sealed class ClusterObjectSourceTests : IDisposable
{
    private readonly KubernetesTestApiServer _server = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("podthreat-").FullName;

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    internal static V1Pod Pod(string ns, string name, bool privileged = false, Dictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Image = "registry.example.com/app:1.0",
                    SecurityContext = new V1SecurityContext { Privileged = privileged, RunAsNonRoot = true },
                },
            ],
        },
    };

    private void AddPod(V1Pod pod) => _server.Add("v1", "Pod", "pods", KubernetesJson.Serialize(pod));

    private async Task<List<ScanEvent>> Scan(ClusterScope scope, CancellationToken cancellation = default, TimeSpan? timeout = null)
    {
        using var connection = ClusterConnection.Connect(new ClusterConnectionOptions
        {
            KubeConfigPath = _server.WriteKubeConfig(_directory, "shop"),
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(30),
        });
        var scanner = new PodThreatScanner(new PodThreatScanOptions());
        var events = new List<ScanEvent>();
        await foreach (var result in ClusterObjectSource.ReadAsync(connection, ClusterResource.PodWorkloads, scope, cancellation))
        {
            events.AddRange(scanner.Audit(result));
        }

        events.AddRange(scanner.Complete());
        return events;
    }

    [Fact]
    public async Task Pages_through_every_object_with_limit_and_continue()
    {
        for (var i = 0; i < 7; i++)
        {
            AddPod(Pod("shop", $"p{i}", privileged: i % 2 == 0));
        }

        var events = await Scan(new ClusterScope(["shop"], PageSize: 2));

        var privileged = events.Findings().Where(f => f.RuleId == "KP002").ToList();
        Assert.Equal(["p0", "p2", "p4", "p6"], privileged.Select(f => f.Target.Name));
        Assert.All(privileged, f =>
        {
            Assert.Equal("shop", f.Target.Namespace);
            Assert.Equal("Pod", f.Target.Kind);
            Assert.Equal("app", f.Target.Container);
            Assert.Null(f.Target.File);
            Assert.Null(f.Target.Line);
            Assert.Equal("spec.containers[0].securityContext.privileged", f.Target.FieldPath);
        });
        var podRequests = _server.Requests.Where(r => r.StartsWith("/api/v1/namespaces/shop/pods", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, podRequests.Count);
        Assert.All(podRequests, r => Assert.Contains("limit=2", r));
        Assert.Equal(3, podRequests.Count(r => r.Contains("continue=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_forbidden_namespace_is_reported_and_the_others_are_audited()
    {
        AddPod(Pod("shop", "a", privileged: true));
        AddPod(Pod("secret", "b", privileged: true));
        _server.Forbid("secret");

        var events = await Scan(new ClusterScope(["secret", "shop"]));

        Assert.Equal("a", Assert.Single(events.Findings(), f => f.RuleId == "KP002").Target.Name);
        var problems = events.Problems();
        Assert.All(problems, p => Assert.Equal("ClusterForbidden", p.ErrorId));
        Assert.Equal(ClusterResource.PodWorkloads.Count, problems.Count);
        Assert.Contains("namespace secret", problems[0].Exception.Message);
        Assert.Contains("403", problems[0].Exception.Message);
    }

    [Fact]
    public async Task An_expired_continue_token_resumes_with_the_token_the_server_offers()
    {
        for (var i = 0; i < 5; i++)
        {
            AddPod(Pod("shop", $"p{i}", privileged: true));
        }

        _server.ExpireContinueTokens(1);
        var events = await Scan(new ClusterScope(["shop"], PageSize: 2));

        Assert.Equal(5, events.Findings().Count(f => f.RuleId == "KP002"));
        Assert.Contains(events.OfType<VerboseEvent>(), e => e.Message.Contains("continue token expired", StringComparison.Ordinal));
        Assert.Empty(events.Problems());
    }

    [Fact]
    public async Task An_expired_continue_token_without_a_resume_token_is_reported()
    {
        for (var i = 0; i < 5; i++)
        {
            AddPod(Pod("shop", $"p{i}", privileged: true));
        }

        _server.OfferResumeToken = false;
        _server.ExpireContinueTokens(1);
        var events = await Scan(new ClusterScope(["shop"], PageSize: 2));

        Assert.Equal(2, events.Findings().Count(f => f.RuleId == "KP002"));
        Assert.Equal("ClusterContinueExpired", Assert.Single(events.Problems()).ErrorId);
    }

    [Fact]
    public async Task Rejected_credentials_end_the_scan()
    {
        AddPod(Pod("shop", "a", privileged: true));
        _server.RequireToken = true;
        var kubeconfig = _server.WriteKubeConfig(_directory, "shop");
        File.WriteAllText(kubeconfig, File.ReadAllText(kubeconfig).Replace(KubernetesTestApiServer.Token, "stolen", StringComparison.Ordinal));
        using var connection = ClusterConnection.Connect(new ClusterConnectionOptions { KubeConfigPath = kubeconfig });

        var results = new List<ManifestReadResult>();
        await foreach (var result in ClusterObjectSource.ReadAsync(connection, ClusterResource.PodWorkloads, new ClusterScope(["shop"])))
        {
            results.Add(result);
        }

        var problem = Assert.Single(results).Problem!;
        Assert.Equal("ClusterUnauthorized", problem.ErrorId);
        Assert.Equal(ProblemKind.PermissionDenied, problem.Kind);
    }

    [Fact]
    public async Task A_slow_server_is_reported_as_a_timeout()
    {
        AddPod(Pod("shop", "a"));
        _server.ResponseDelay = TimeSpan.FromSeconds(20);

        var started = DateTime.UtcNow;
        var events = await Scan(new ClusterScope(["shop"]), timeout: TimeSpan.FromMilliseconds(300));

        // One timeout ends the scan: the server is not asked for the other lists, which the one error names.
        var problem = Assert.Single(events.Problems());
        Assert.Equal(ProblemKind.Timeout, problem.Kind);
        Assert.Equal("ClusterRequestTimeout", problem.ErrorId);
        Assert.Contains("Not read: serviceaccounts in namespace shop, poddisruptionbudgets in namespace shop, pods in namespace shop", problem.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("cronjobs in namespace shop.", problem.Exception.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancellation_stops_a_slow_listing_promptly()
    {
        AddPod(Pod("shop", "a"));
        _server.ResponseDelay = TimeSpan.FromSeconds(30);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Scan(new ClusterScope(["shop"]), cancellation.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Pods_made_by_an_audited_controller_are_audited_through_it()
    {
        var owned = Pod("shop", "web-7d9f-abcde", privileged: true);
        owned.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "web-7d9f", Uid = "1", Controller = true }];
        AddPod(owned);
        AddPod(Pod("shop", "standalone", privileged: true));
        _server.Add("apps/v1", "Deployment", "deployments", KubernetesJson.Serialize(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 3,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = Pod("shop", "x", privileged: true).Spec,
                },
            },
        }));
        _server.Add("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", KubernetesJson.Serialize(new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop" },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } },
        }));

        var events = await Scan(new ClusterScope(null));

        var privileged = events.Findings().Where(f => f.RuleId == "KP002").ToList();
        Assert.Equal(["Pod/standalone", "Deployment/web"], privileged.Select(f => $"{f.Target.Kind}/{f.Target.Name}"));
        Assert.Equal("spec.template.spec.containers[0].securityContext.privileged", privileged[1].Target.FieldPath);
        Assert.DoesNotContain(events.Findings(), f => f.RuleId == "KP038");
        Assert.Contains(events.OfType<VerboseEvent>(), e => e.Message.Contains("ReplicaSet/web-7d9f", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_account_that_disables_automounting_covers_its_pods()
    {
        var quiet = Pod("shop", "quiet");
        quiet.Spec.ServiceAccountName = "quiet";
        AddPod(quiet);
        AddPod(Pod("shop", "chatty"));
        _server.Add("v1", "ServiceAccount", "serviceaccounts", KubernetesJson.Serialize(new V1ServiceAccount
        {
            Metadata = new V1ObjectMeta { Name = "quiet", NamespaceProperty = "shop" },
            AutomountServiceAccountToken = false,
        }));

        var events = await Scan(new ClusterScope(["shop"]));

        Assert.Equal(["chatty"], events.Findings().Where(f => f.RuleId == "KP021").Select(f => f.Target.Name));
    }

    [Fact]
    public async Task The_label_selector_reaches_the_server()
    {
        AddPod(Pod("shop", "front", privileged: true, labels: new() { ["tier"] = "frontend" }));
        AddPod(Pod("shop", "back", privileged: true, labels: new() { ["tier"] = "backend" }));

        var events = await Scan(new ClusterScope(["shop"], "tier=frontend"));

        Assert.Equal("front", Assert.Single(events.Findings(), f => f.RuleId == "KP002").Target.Name);
    }

    [Fact]
    public async Task A_named_context_is_used_and_an_unknown_one_is_a_configuration_error()
    {
        AddPod(Pod("team-a", "a", privileged: true));
        var kubeconfig = _server.WriteKubeConfig(_directory, "team-a", context: "staging");

        using (var connection = ClusterConnection.Connect(new ClusterConnectionOptions { KubeConfigPath = kubeconfig, Context = "staging" }))
        {
            Assert.Equal("team-a", connection.DefaultNamespace);
            var names = new List<string?>();
            await foreach (var result in ClusterObjectSource.ReadAsync(connection, ClusterResource.PodWorkloads, new ClusterScope([connection.DefaultNamespace])))
            {
                names.Add(result.Object?.Name);
            }

            Assert.Equal(["a"], names);
        }

        var error = Assert.Throws<ClusterConfigurationException>(() =>
            ClusterConnection.Connect(new ClusterConnectionOptions { KubeConfigPath = kubeconfig, Context = "production" }));
        Assert.Contains("production", error.Message);
    }

    [Fact]
    public void A_missing_kubeconfig_is_a_configuration_error()
    {
        var error = Assert.Throws<ClusterConfigurationException>(() =>
            ClusterConnection.Connect(new ClusterConnectionOptions { KubeConfigPath = Path.Join(_directory, "missing") }));
        Assert.Contains("missing", error.Message);
    }
}
