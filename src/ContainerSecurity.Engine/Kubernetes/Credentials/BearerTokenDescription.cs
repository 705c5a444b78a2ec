using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// Says what a bearer token is without revealing it: for a JSON web token, the subject and expiry from its payload
/// (claims are not the secret; the signature is), else only its masked length.
/// </summary>
internal static class BearerTokenDescription
{
    public static string Describe(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return "an opaque static token";
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            var subject = json.RootElement.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
            var expiry = json.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null;
            return $"a JSON web token for {subject ?? "an unnamed subject"}, {(expiry is null ? "that never expires" : "expiring " + expiry)}";
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return "an opaque static token";
        }
    }
}
