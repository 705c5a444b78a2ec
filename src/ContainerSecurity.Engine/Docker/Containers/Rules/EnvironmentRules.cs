using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Containers.Rules;

/// <summary>Secrets in Config.Env (DC031); the value is never reported, only its name and kind.</summary>
internal static class EnvironmentRules
{
    public static IEnumerable<ContainerRule> Rules => [new("DC031", Secrets)];

    private static IEnumerable<CheckResult> Secrets(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var found = EnvironmentSecrets.Find(c.Config.Strings("Env")).ToArray();
        foreach (var secret in found)
        {
            yield return rule.Fail($"Container '{c.Name}' keeps a secret in the environment variable {secret.Name} ({secret.Reason}); anyone with Docker API access reads it.", secret.MaskedAssignment, "secrets from files or a secret store (e.g. " + secret.Name + "_FILE)", "Config.Env");
        }

        if (found.Length == 0)
        {
            yield return rule.Pass($"Container '{c.Name}' has no secret-looking environment variables.", $"{c.Config.Strings("Env").Count} variable(s)", "no secrets in the environment", "Config.Env");
        }
    }
}
