using ContainerSecurity.Engine.Docker.Connection;

namespace ContainerSecurity.Engine.Tests.Docker.Connection;

public sealed class DockerEndpointResolverTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void ExplicitHostWinsOverDockerHost()
    {
        var endpoint = DockerEndpointResolver.Resolve(new() { Host = "unix:///tmp/a.sock", Environment = Env(("DOCKER_HOST", "unix:///tmp/b.sock")) });
        Assert.Equal("unix:///tmp/a.sock", endpoint.ToString());
        Assert.Equal("-DockerHost", endpoint.Source);
    }

    [Fact]
    public void DockerHostWinsOverDefault()
    {
        var endpoint = DockerEndpointResolver.Resolve(new() { Environment = Env(("DOCKER_HOST", "unix:///tmp/b.sock")) });
        Assert.Equal("unix:///tmp/b.sock", endpoint.ToString());
        Assert.Equal("DOCKER_HOST", endpoint.Source);
    }

    [Fact]
    public void DefaultIsTheLocalSocket()
    {
        var endpoint = DockerEndpointResolver.Resolve(new() { Environment = Env() });
        Assert.Equal(DockerEndpointResolver.DefaultUnixHost, endpoint.ToString());
        Assert.False(endpoint.UseTls);
    }

    [Theory]
    [InlineData("tcp://10.0.0.5", false, 2375)]
    [InlineData("10.0.0.5:4243", false, 4243)]
    public void TcpWithoutTlsGetsThePlainPort(string host, bool tls, int port)
    {
        var endpoint = DockerEndpointResolver.Resolve(new() { Host = host, Environment = Env() });
        Assert.Equal(tls, endpoint.UseTls);
        Assert.Equal(port, endpoint.Uri.Port);
        Assert.Equal("tcp", endpoint.Uri.Scheme);
    }

    [Fact]
    public void TlsVerifyFromEnvironmentUsesTheCertPathFiles()
    {
        var directory = Directory.CreateTempSubdirectory("cscert").FullName;
        try
        {
            foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" })
            {
                File.WriteAllText(Path.Join(directory, file), "x");
            }

            var endpoint = DockerEndpointResolver.Resolve(new()
            {
                Environment = Env(("DOCKER_HOST", "tcp://docker.example:2376"), ("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", directory)),
            });
            Assert.True(endpoint.UseTls);
            Assert.True(endpoint.VerifyServer);
            Assert.Equal(Path.Join(directory, "ca.pem"), endpoint.CertificateAuthorityPath);
            Assert.Equal(Path.Join(directory, "cert.pem"), endpoint.CertificatePath);
            Assert.Equal(Path.Join(directory, "key.pem"), endpoint.KeyPath);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void MissingCertificateIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpointResolver.Resolve(new()
        {
            Host = "tcp://docker.example:2376",
            TlsVerify = true,
            Environment = Env(("DOCKER_CERT_PATH", "/nonexistent/certs")),
        }));
        Assert.Contains("/nonexistent/certs/cert.pem", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssh://user@host")]
    [InlineData("ftp://host:21")]
    public void UnsupportedSchemesAreRejected(string host)
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpointResolver.Resolve(new() { Host = host, Environment = Env() }));
        Assert.Contains(host, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificatesOnAUnixSocketAreRejected()
    {
        Assert.Throws<ArgumentException>(() => DockerEndpointResolver.Resolve(new() { Host = "unix:///tmp/a.sock", CertificatePath = "/tmp/c.pem", Environment = Env() }));
    }
}
