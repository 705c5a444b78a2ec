using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Containers;

/// <summary>
/// Finds secrets in NAME=value environment entries (container Config.Env, image Config.Env): by a credential-like
/// name with a literal value, or by a value that looks like a credential whatever the name.
/// </summary>
public static class EnvironmentSecrets
{
    /// <summary>One secret: the variable, why it counts, and the assignment with the value masked.</summary>
    public sealed record Secret(string Name, string Reason, string MaskedAssignment);

    public static IEnumerable<Secret> Find(IEnumerable<string> assignments)
    {
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=');
            var name = equals < 0 ? assignment : assignment[..equals];
            var value = equals < 0 ? string.Empty : assignment[(equals + 1)..];
            var reason = Classify(name, value);
            if (reason is not null)
            {
                yield return new Secret(name, reason, $"{name}={SecretDetector.Mask(value)}");
            }
        }
    }

    /// <summary>Why NAME=value holds a secret ("a value shaped like a JSON web token"), or null.</summary>
    public static string? Classify(string name, string value)
    {
        if (SecretDetector.DescribeValue(value) is { } kind)
        {
            return $"a value shaped like a {kind}";
        }

        // A reference ($OTHER, ${OTHER}) or an empty value is not a literal secret.
        return SecretDetector.IsSecretName(name) && value.Length > 0 && !value.StartsWith('$') ? "a literal value under a credential name" : null;
    }
}
