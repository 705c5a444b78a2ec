using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Scanning;
using YamlDotNet.RepresentationModel;
using static ContainerSecurity.Engine.Kubernetes.Credentials.KubeConfigFindings;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// KC003: bearer tokens, passwords and other secrets kept in the kubeconfig (or a token file it names): whoever
/// reads the file has the identity. Values are never reported, only masked.
/// </summary>
internal sealed class StoredCredentialCheck : IKubeConfigCheck
{
    private const string Expected = "no stored secret: an OIDC or exec credential plugin that fetches short-lived tokens";

    public IEnumerable<ScanEvent> Evaluate(KubeConfigFile file, KubeConfigAuditOptions options)
    {
        foreach (var user in file.Users)
        {
            var found = false;
            foreach (var finding in Secrets(file, user))
            {
                found = true;
                yield return finding;
            }

            if (!found)
            {
                yield return Finding("KC003", FindingStatus.Pass, Target(file, user, UserKind), $"User '{user.Name}' keeps no token or password in the kubeconfig.");
            }
        }
    }

    private static IEnumerable<FindingEvent> Secrets(KubeConfigFile file, KubeConfigEntry user)
    {
        var contexts = UsedBy(file.ContextsUsingUser(user.Name));
        if (KubeConfigReader.Child(user.Body, "token") is YamlScalarNode { Value.Length: > 0 } token)
        {
            var target = Target(file, user, UserKind, "token", token);
            yield return Finding("KC003", FindingStatus.Fail, target,
                $"User '{user.Name}'{contexts} keeps a static bearer token in plain text: {BearerTokenDescription.Describe(token.Value!)}.",
                new Evidence($"token: {SecretDetector.Mask(token.Value)}", Expected, Where(target)));
        }

        if (KubeConfigReader.Child(user.Body, "password") is YamlScalarNode { Value.Length: > 0 } password)
        {
            var target = Target(file, user, UserKind, "password", password);
            var username = KubeConfigReader.Scalar(user.Body, "username");
            yield return Finding("KC003", FindingStatus.Fail, target,
                $"User '{user.Name}'{contexts} keeps a basic-auth password{(username is null ? string.Empty : $" for '{username}'")} in plain text.",
                new Evidence($"password: {SecretDetector.Mask(password.Value)}", Expected, Where(target)));
        }

        if (KubeConfigReader.Child(user.Body, "tokenFile") is YamlScalarNode { Value.Length: > 0 } tokenFile)
        {
            var target = Target(file, user, UserKind, "tokenFile", tokenFile);
            yield return Finding("KC003", FindingStatus.Fail, target,
                $"User '{user.Name}'{contexts} reads a static bearer token from the plain-text file '{Resolve(file, tokenFile.Value!)}'.",
                new Evidence($"tokenFile: {tokenFile.Value}", Expected, Where(target)),
                Severity.Medium);
        }

        // The legacy auth-provider plugins (oidc, gcp, azure) cache id, refresh and access tokens in the file itself.
        if (KubeConfigReader.Child(user.Body, "auth-provider") is YamlMappingNode provider
            && KubeConfigReader.Child(provider, "config") is YamlMappingNode config)
        {
            foreach (var (key, value) in config.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value.Length: > 0 } secret && SecretDetector.IsSecretName(name))
                {
                    var target = Target(file, user, UserKind, $"auth-provider.config.{name}", secret);
                    yield return Finding("KC003", FindingStatus.Fail, target,
                        $"User '{user.Name}'{contexts} keeps the auth-provider secret '{name}' in plain text.",
                        new Evidence($"{name}: {SecretDetector.Mask(secret.Value)}", Expected, Where(target)));
                }
            }
        }

        if (KubeConfigReader.Child(user.Body, "exec") is YamlMappingNode exec && KubeConfigReader.Child(exec, "env") is YamlSequenceNode env)
        {
            for (var i = 0; i < env.Children.Count; i++)
            {
                if (env.Children[i] is YamlMappingNode variable
                    && KubeConfigReader.Scalar(variable, "name") is { } name
                    && KubeConfigReader.Child(variable, "value") is YamlScalarNode { Value.Length: > 0 } value
                    && (SecretDetector.IsSecretName(name) || SecretDetector.LooksLikeSecretValue(value.Value!)))
                {
                    var target = Target(file, user, UserKind, $"exec.env[{i}].value", value);
                    yield return Finding("KC003", FindingStatus.Fail, target,
                        $"User '{user.Name}'{contexts} passes the secret '{name}' to its exec plugin in plain text.",
                        new Evidence($"{name}={SecretDetector.Mask(value.Value)}", Expected, Where(target)));
                }
            }
        }
    }
}
