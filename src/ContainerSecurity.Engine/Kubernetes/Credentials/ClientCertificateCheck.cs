using System.Globalization;
using System.Security.Cryptography;
using ContainerSecurity.Engine.Files;
using ContainerSecurity.Engine.Scanning;
using YamlDotNet.RepresentationModel;
using static ContainerSecurity.Engine.Kubernetes.Credentials.KubeConfigFindings;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// KC001 (client certificates cannot be revoked: the seed's repudiation threat) and KC002 (expired, expiring or
/// long-lived certificates), for users with <c>client-certificate-data</c> or a <c>client-certificate</c> file.
/// </summary>
internal sealed class ClientCertificateCheck : IKubeConfigCheck
{
    public IEnumerable<ScanEvent> Evaluate(KubeConfigFile file, KubeConfigAuditOptions options)
    {
        foreach (var user in file.Users)
        {
            var dataNode = KubeConfigReader.Child(user.Body, "client-certificate-data");
            var pathNode = KubeConfigReader.Child(user.Body, "client-certificate");
            var (field, node) = dataNode is YamlScalarNode { Value.Length: > 0 } ? ("client-certificate-data", dataNode)
                : pathNode is YamlScalarNode { Value.Length: > 0 } ? ("client-certificate", pathNode)
                : (null, null);
            if (field is null || node is null)
            {
                yield return Finding("KC001", FindingStatus.Pass, Target(file, user, UserKind), $"User '{user.Name}' does not authenticate with a client certificate.");
                continue;
            }

            var target = Target(file, user, UserKind, field, node);
            var source = ((YamlScalarNode)node).Value!;
            var certificate = Load(file, field, source, out var failure);
            if (certificate is null)
            {
                var missing = failure is FileNotFoundException or DirectoryNotFoundException;
                yield return Problem(missing ? "ClientCertificateNotFound" : "InvalidClientCertificate", missing ? ProblemKind.NotFound : ProblemKind.InvalidData, target,
                    new InvalidDataException($"{Where(target)}: the client certificate of user '{user.Name}' could not be read: {failure!.Message}", failure));
                yield return Finding("KC001", FindingStatus.Fail, target,
                    $"User '{user.Name}'{UsedBy(file.ContextsUsingUser(user.Name))} authenticates with a client certificate, which the API server cannot revoke.",
                    new Evidence($"{field}: {(field == "client-certificate" ? source : "(unreadable)")}", "an OIDC or exec credential plugin issuing short-lived tokens", Where(target)));
                continue;
            }

            yield return Revocation(file, user, target, field, certificate, options.Now);
            yield return Expiry(user, target, field, certificate, options);
        }
    }

    private static FindingEvent Revocation(KubeConfigFile file, KubeConfigEntry user, FindingTarget target, string field, ClientCertificate certificate, DateTimeOffset now)
    {
        var evidence = new Evidence($"{field}: {certificate.Describe()}", "an OIDC or exec credential plugin issuing short-lived tokens", Where(target));
        if (certificate.IsComponentIdentity)
        {
            return Finding("KC001", FindingStatus.Info, target,
                $"User '{user.Name}' is the client certificate of the Kubernetes component '{certificate.CommonName}', not of a person; components authenticate this way by design.",
                evidence);
        }

        var validity = certificate.NotAfter < now
            ? string.Create(CultureInfo.InvariantCulture, $"it expired on {certificate.NotAfter:yyyy-MM-dd}, but a renewed one will be just as irrevocable")
            : string.Create(CultureInfo.InvariantCulture, $"it stays valid until {certificate.NotAfter:yyyy-MM-dd}");
        var masters = certificate.IsSystemMasters ? " It is in the group system:masters, which bypasses RBAC, so no binding can be removed to lock it out." : string.Empty;
        return Finding("KC001", FindingStatus.Fail, target,
            string.Create(CultureInfo.InvariantCulture,
                $"User '{user.Name}'{UsedBy(file.ContextsUsingUser(user.Name))} authenticates as '{certificate.CommonName}' with a client certificate that the API server cannot revoke; {validity}.{masters}"),
            evidence,
            certificate.IsSystemMasters ? Severity.High : null);
    }

    private static FindingEvent Expiry(KubeConfigEntry user, FindingTarget target, string field, ClientCertificate certificate, KubeConfigAuditOptions options)
    {
        var remaining = certificate.NotAfter - options.Now;
        var days = (int)Math.Floor(remaining.TotalDays);
        var lifetimeDays = (int)Math.Round(certificate.Lifetime.TotalDays);
        var evidence = new Evidence(
            string.Create(CultureInfo.InvariantCulture, $"{field}: valid {certificate.NotBefore:yyyy-MM-dd} to {certificate.NotAfter:yyyy-MM-dd} ({lifetimeDays} days)"),
            string.Create(CultureInfo.InvariantCulture, $"valid for more than {options.ExpiryWarningDays} more days and issued for at most {(int)options.MaximumLifetime.TotalDays} days"),
            Where(target));
        FormattableString message;
        Severity? severity;
        var status = FindingStatus.Fail;
        if (remaining <= TimeSpan.Zero)
        {
            (message, severity) = ($"The client certificate of user '{user.Name}' expired on {certificate.NotAfter:yyyy-MM-dd}, {-days} days ago; the user can no longer authenticate.", Severity.Medium);
        }
        else if (remaining <= TimeSpan.FromDays(options.ExpiryWarningDays))
        {
            (message, severity) = ($"The client certificate of user '{user.Name}' expires on {certificate.NotAfter:yyyy-MM-dd}, in {days} days.", Severity.Medium);
        }
        else if (certificate.Lifetime > options.MaximumLifetime)
        {
            (message, severity) = ($"The client certificate of user '{user.Name}' was issued for {lifetimeDays} days (until {certificate.NotAfter:yyyy-MM-dd}), longer than one year: an irrevocable credential that outlives its owner's role.", null);
        }
        else
        {
            (message, severity, status) = ($"The client certificate of user '{user.Name}' is valid until {certificate.NotAfter:yyyy-MM-dd} ({days} days) and was issued for {lifetimeDays} days.", null, FindingStatus.Pass);
        }

        return Finding("KC002", status, target, message.ToString(CultureInfo.InvariantCulture), evidence, severity);
    }

    private static ClientCertificate? Load(KubeConfigFile file, string field, string source, out Exception? failure)
    {
        failure = null;
        try
        {
            var bytes = field == "client-certificate-data"
                ? Convert.FromBase64String(source.Trim())
                : InputFile.ReadAllBytes(Resolve(file, source), InputKind.ReferencedFile, CancellationToken.None);
            return ClientCertificate.Parse(bytes);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            failure = e;
            return null;
        }
    }
}
