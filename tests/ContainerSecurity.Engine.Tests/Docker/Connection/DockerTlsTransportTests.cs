using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ContainerSecurity.Engine.Docker.Connection;

namespace ContainerSecurity.Engine.Tests.Docker.Connection;

/// <summary>
/// The module's own transport carries the docker CLI's TLS options: the client certificate is presented, and with
/// --tlsverify the daemon's certificate must chain to the given CA. A private dockerd runs in its own network
/// namespace, out of reach of TCP from here, so the daemon side is a TLS listener on 127.0.0.1 that answers /_ping.
/// </summary>
public sealed class DockerTlsTransportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dtls").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_verified_TLS_daemon_is_reached_with_the_client_certificate()
    {
        using var authority = CreateAuthority("docker-test-ca");
        using var serverCertificate = Issue(authority, "127.0.0.1", server: true);
        using var clientCertificate = Issue(authority, "docker-client", server: false);
        var (ca, cert, key) = WriteClientFiles(authority, clientCertificate);
        using var daemon = new TlsPingServer(serverCertificate);
        using var api = DockerConnection.Open(new()
        {
            Host = $"tcp://127.0.0.1:{daemon.Port}",
            TlsVerify = true,
            CertificateAuthorityPath = ca,
            CertificatePath = cert,
            KeyPath = key,
            Timeout = TimeSpan.FromSeconds(10),
            Environment = _ => null,
        });
        await api.PingAsync(CancellationToken.None);

        Assert.Equal("CN=docker-client", daemon.ClientSubject);
    }

    [Fact]
    public async Task A_daemon_certificate_from_another_authority_is_refused()
    {
        using var authority = CreateAuthority("docker-test-ca");
        using var stranger = CreateAuthority("someone-else");
        using var serverCertificate = Issue(stranger, "127.0.0.1", server: true);
        using var clientCertificate = Issue(authority, "docker-client", server: false);
        var (ca, cert, key) = WriteClientFiles(authority, clientCertificate);
        using var daemon = new TlsPingServer(serverCertificate);

        using var api = DockerConnection.Open(new()
        {
            Host = $"tcp://127.0.0.1:{daemon.Port}",
            TlsVerify = true,
            CertificateAuthorityPath = ca,
            CertificatePath = cert,
            KeyPath = key,
            Timeout = TimeSpan.FromSeconds(10),
            Environment = _ => null,
        });
        var error = await Assert.ThrowsAsync<DockerConnectionException>(() => api.PingAsync(CancellationToken.None));
        Assert.False(error.TimedOut);
        Assert.Contains($"tcp://127.0.0.1:{daemon.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_without_verification_presents_the_client_certificate_and_accepts_any_daemon()
    {
        using var authority = CreateAuthority("docker-test-ca");
        using var stranger = CreateAuthority("someone-else");
        using var serverCertificate = Issue(stranger, "127.0.0.1", server: true);
        using var clientCertificate = Issue(authority, "docker-client", server: false);
        var (_, cert, key) = WriteClientFiles(authority, clientCertificate);
        using var daemon = new TlsPingServer(serverCertificate);

        // docker --tls without --tlsverify: encrypted, the daemon's certificate unchecked.
        using var api = DockerConnection.Open(new()
        {
            Host = $"tcp://127.0.0.1:{daemon.Port}",
            Tls = true,
            TlsVerify = false,
            CertificatePath = cert,
            KeyPath = key,
            Timeout = TimeSpan.FromSeconds(10),
            Environment = _ => null,
        });
        await api.PingAsync(CancellationToken.None);

        Assert.Equal("CN=docker-client", daemon.ClientSubject);
    }

    private static X509Certificate2 CreateAuthority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12, so that SslStream on Linux can use the private key.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private (string Ca, string Cert, string Key) WriteClientFiles(X509Certificate2 authority, X509Certificate2 client)
    {
        var ca = Path.Join(_directory, "ca.pem");
        var cert = Path.Join(_directory, "cert.pem");
        var key = Path.Join(_directory, "key.pem");
        File.WriteAllText(ca, authority.ExportCertificatePem());
        File.WriteAllText(cert, client.ExportCertificatePem());
        File.WriteAllText(key, client.GetRSAPrivateKey()!.ExportRSAPrivateKeyPem());
        return (ca, cert, key);
    }

    /// <summary>A TLS listener that asks for a client certificate and answers every request with 200 OK.</summary>
    private sealed class TlsPingServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate;

        public TlsPingServer(X509Certificate2 certificate)
        {
            _certificate = certificate;
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public string? ClientSubject { get; private set; }

        public void Dispose() => _listener.Stop();

        private async Task ServeAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                try
                {
                    using (client)
                    await using (var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) => certificate is not null))
                    {
                        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate, ClientCertificateRequired = true });
                        ClientSubject = tls.RemoteCertificate?.Subject;
                        var buffer = new byte[4096];
                        _ = await tls.ReadAsync(buffer);
                        await tls.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"));
                    }
                }
                catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // The client refused our certificate: that is the other test's point.
                }
            }
        }
    }
}
