using ContainerSecurity.Tests.Shared;

namespace ContainerSecurity.Module.Tests.Kubernetes;

/// <summary>KC022 through the cmdlet, against the shared test API server on 127.0.0.1 with and without its token check.</summary>
public sealed class TestManagementEndpointTests : IDisposable
{
    private readonly KubernetesTestApiServer _server = new();
    private readonly ModuleSession _session = new();

    public TestManagementEndpointTests() =>
        _server.Add("v1", "Namespace", "namespaces", """{"metadata":{"name":"shop"}}""");

    public void Dispose()
    {
        _session.Dispose();
        _server.Dispose();
    }

    private string Namespaces => _server.BaseAddress + "api/v1/namespaces";

    [Fact]
    public void An_api_server_that_demands_a_token_passes()
    {
        Assert.Empty(_session.Invoke($"Test-ManagementEndpoint -Uri '{Namespaces}'"));
        Assert.True((bool)Assert.Single(_session.Invoke($"Test-ManagementEndpoint -Uri '{Namespaces}' -Quiet")).BaseObject);
        Assert.Equal("Pass", Assert.Single(_session.Invoke($"Test-ManagementEndpoint -Uri '{Namespaces}' -IncludePassed")).Properties["Status"].Value.ToString());
    }

    [Fact]
    public void An_api_server_that_answers_anyone_fails_and_bad_urls_are_errors()
    {
        _server.RequireToken = false;

        var (output, errors) = _session.Run($"'ftp://example.invalid/', '{Namespaces}' | Test-ManagementEndpoint");

        var finding = Assert.Single(output);
        Assert.Equal("KC022", finding.Properties["RuleId"].Value);
        Assert.Equal("Fail", finding.Properties["Status"].Value.ToString());
        Assert.StartsWith("EndpointNotHttp,", Assert.Single(errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Requests, r => r.Contains("ftp", StringComparison.Ordinal));
    }
}
