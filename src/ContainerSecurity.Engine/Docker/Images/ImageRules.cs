using System.Text.Json;
using ContainerSecurity.Engine.Docker.Containers;
using ContainerSecurity.Engine.Docker.Dockerfiles.Rules;

namespace ContainerSecurity.Engine.Docker.Images;

/// <summary>
/// The DI checks that a built image's configuration answers (image inspect Config): its user (DI001), its health
/// check (DI007), secrets in its environment (DI011) and the SSH port (DI015).
/// </summary>
internal static class ImageRules
{
    public static IEnumerable<CheckResult> Evaluate(JsonElement image, string name)
    {
        var config = image.Member("Config") ?? image.Member("ContainerConfig") ?? default;

        var user = config.String("User") ?? string.Empty;
        yield return StageRules.IsRootUser(user)
            ? new CheckResult("DI001", FindingStatus.Fail, $"Image {name} runs as root ({(user.Length == 0 ? "no user set" : "User " + user)}).", user.Length == 0 ? "(none)" : user, "a non-root user", "Config.User")
            : new CheckResult("DI001", FindingStatus.Pass, $"Image {name} runs as {user}.", user, "a non-root user", "Config.User");

        var test = (config.Member("Healthcheck") ?? default).Strings("Test");
        yield return test.Count == 0 || test[0].Equals("NONE", StringComparison.OrdinalIgnoreCase)
            ? new CheckResult("DI007", FindingStatus.Fail, $"Image {name} has no health check{(test.Count == 0 ? string.Empty : " (disabled)")}.", test.Count == 0 ? "(none)" : "NONE", "a HEALTHCHECK", "Config.Healthcheck")
            : new CheckResult("DI007", FindingStatus.Pass, $"Image {name} has a health check.", string.Join(" ", test), "a HEALTHCHECK", "Config.Healthcheck");

        var secrets = EnvironmentSecrets.Find(config.Strings("Env")).ToArray();
        foreach (var secret in secrets)
        {
            yield return new CheckResult("DI011", FindingStatus.Fail, $"Image {name} carries a secret in the environment variable {secret.Name} ({secret.Reason}).", secret.MaskedAssignment, "no secrets in the image configuration", "Config.Env");
        }

        if (secrets.Length == 0)
        {
            yield return new CheckResult("DI011", FindingStatus.Pass, $"Image {name} has no secret-looking environment variables.", $"{config.Strings("Env").Count} variable(s)", "no secrets in the image configuration", "Config.Env");
        }

        var ports = config.Properties("ExposedPorts").Select(p => p.Key).ToArray();
        var ssh = ports.Where(ContentRules.ExposesSsh).ToArray();
        yield return ssh.Length > 0
            ? new CheckResult("DI015", FindingStatus.Fail, $"Image {name} exposes the SSH port ({string.Join(", ", ssh)}).", string.Join(",", ports), "no SSH port", "Config.ExposedPorts")
            : new CheckResult("DI015", FindingStatus.Pass, $"Image {name} does not expose the SSH port.", ports.Length == 0 ? "(none)" : string.Join(",", ports), "no SSH port", "Config.ExposedPorts");
    }
}
