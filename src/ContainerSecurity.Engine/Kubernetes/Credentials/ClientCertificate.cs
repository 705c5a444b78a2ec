using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// What the checks need to know about a kubeconfig client certificate: who it names (CN is the Kubernetes user, each
/// O a group), who issued it, and when it is valid. Only the first certificate of a PEM bundle counts: it is the
/// leaf the client presents.
/// </summary>
internal sealed class ClientCertificate
{
    private ClientCertificate(string subject, string issuer, string? commonName, IReadOnlyList<string> organizations, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        Subject = subject;
        Issuer = issuer;
        CommonName = commonName;
        Organizations = organizations;
        NotBefore = notBefore;
        NotAfter = notAfter;
    }

    public string Subject { get; }

    public string Issuer { get; }

    /// <summary>The Kubernetes user name.</summary>
    public string? CommonName { get; }

    /// <summary>The Kubernetes groups.</summary>
    public IReadOnlyList<string> Organizations { get; }

    public DateTimeOffset NotBefore { get; }

    public DateTimeOffset NotAfter { get; }

    public TimeSpan Lifetime => NotAfter - NotBefore;

    /// <summary>Whether it names the group that bypasses RBAC altogether.</summary>
    public bool IsSystemMasters => Organizations.Contains("system:masters", StringComparer.Ordinal);

    /// <summary>
    /// Whether it is a Kubernetes component's identity (kubelet, controller manager, scheduler, kube-proxy) rather
    /// than a person's: those live in node and control-plane kubeconfigs and are rotated by their components.
    /// </summary>
    public bool IsComponentIdentity =>
        CommonName is { } cn && (cn.StartsWith("system:node:", StringComparison.Ordinal) || cn is "system:kube-controller-manager" or "system:kube-scheduler" or "system:kube-proxy")
        || Organizations.Contains("system:nodes", StringComparer.Ordinal);

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"subject {Subject}; issuer {Issuer}; valid {NotBefore:yyyy-MM-dd} to {NotAfter:yyyy-MM-dd}");

    /// <summary>Reads a PEM (first CERTIFICATE block) or DER certificate.</summary>
    /// <exception cref="CryptographicException">The bytes hold no certificate.</exception>
    public static ClientCertificate Parse(byte[] bytes)
    {
        var text = Encoding.ASCII.GetString(bytes);
        using var certificate = text.Contains("-----BEGIN", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : new X509Certificate2(bytes);

        string? commonName = null;
        var organizations = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            switch (rdn.GetSingleElementType().Value)
            {
                case "2.5.4.3":
                    commonName = rdn.GetSingleElementValue();
                    break;
                case "2.5.4.10" when rdn.GetSingleElementValue() is { } organization:
                    organizations.Add(organization);
                    break;
            }
        }

        return new ClientCertificate(
            certificate.Subject,
            certificate.Issuer,
            commonName,
            organizations,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }
}
