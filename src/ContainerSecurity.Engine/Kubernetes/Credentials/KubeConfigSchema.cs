using YamlDotNet.RepresentationModel;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// The field types of kubeconfig cluster and user entries (client-go's clientcmd api/v1 Cluster and AuthInfo), so a
/// field the checks read that has the wrong type (a <c>token</c> that is a list) is an error for that entry, never
/// read as "no secret here". kubectl refuses such a file outright; the audit reports the entry and goes on.
/// </summary>
internal static class KubeConfigSchema
{
    private enum FieldType
    {
        String,
        Boolean,
        StringList,
        StringMap,
        Mapping,
        List,
    }

    private static readonly Dictionary<string, FieldType> s_cluster = new(StringComparer.Ordinal)
    {
        ["server"] = FieldType.String,
        ["tls-server-name"] = FieldType.String,
        ["insecure-skip-tls-verify"] = FieldType.Boolean,
        ["certificate-authority"] = FieldType.String,
        ["certificate-authority-data"] = FieldType.String,
        ["proxy-url"] = FieldType.String,
        ["disable-compression"] = FieldType.Boolean,
        ["extensions"] = FieldType.List,
    };

    private static readonly Dictionary<string, FieldType> s_user = new(StringComparer.Ordinal)
    {
        ["client-certificate"] = FieldType.String,
        ["client-certificate-data"] = FieldType.String,
        ["client-key"] = FieldType.String,
        ["client-key-data"] = FieldType.String,
        ["token"] = FieldType.String,
        ["tokenFile"] = FieldType.String,
        ["as"] = FieldType.String,
        ["as-uid"] = FieldType.String,
        ["as-groups"] = FieldType.StringList,
        ["as-user-extra"] = FieldType.Mapping,
        ["username"] = FieldType.String,
        ["password"] = FieldType.String,
        ["auth-provider"] = FieldType.Mapping,
        ["exec"] = FieldType.Mapping,
        ["extensions"] = FieldType.List,
    };

    private static readonly Dictionary<string, FieldType> s_authProvider = new(StringComparer.Ordinal)
    {
        ["name"] = FieldType.String,
        ["config"] = FieldType.StringMap,
    };

    private static readonly Dictionary<string, FieldType> s_exec = new(StringComparer.Ordinal)
    {
        ["command"] = FieldType.String,
        ["args"] = FieldType.StringList,
        ["env"] = FieldType.List,
        ["apiVersion"] = FieldType.String,
        ["installHint"] = FieldType.String,
        ["provideClusterInfo"] = FieldType.Boolean,
        ["interactiveMode"] = FieldType.String,
    };

    /// <summary>The first field of a cluster or user body with the wrong type: its node and what is wrong.</summary>
    public static (YamlNode Node, string Reason)? FirstProblem(string bodyKey, YamlMappingNode body) => bodyKey switch
    {
        "cluster" => Check(body, s_cluster, string.Empty),
        "user" => Check(body, s_user, string.Empty)
            ?? Nested(body, "auth-provider", s_authProvider)
            ?? Nested(body, "exec", s_exec)
            ?? ExecEnvironment(body),
        _ => null,
    };

    private static (YamlNode, string)? Nested(YamlMappingNode body, string key, Dictionary<string, FieldType> fields) =>
        KubeConfigReader.Child(body, key) is YamlMappingNode nested ? Check(nested, fields, key + ".") : null;

    private static (YamlNode, string)? ExecEnvironment(YamlMappingNode body)
    {
        if (KubeConfigReader.Child(body, "exec") is not YamlMappingNode exec || KubeConfigReader.Child(exec, "env") is not YamlSequenceNode env)
        {
            return null;
        }

        for (var i = 0; i < env.Children.Count; i++)
        {
            var item = env.Children[i];
            if (item is not YamlMappingNode variable)
            {
                return (item, $"exec.env[{i}] must be a mapping with name and value, not a {Describe(item)}");
            }

            foreach (var key in new[] { "name", "value" })
            {
                if (KubeConfigReader.Child(variable, key) is { } node and not YamlScalarNode)
                {
                    return (node, $"exec.env[{i}].{key} must be a string, not a {Describe(node)}");
                }
            }
        }

        return null;
    }

    private static (YamlNode, string)? Check(YamlMappingNode mapping, Dictionary<string, FieldType> fields, string prefix)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } || !fields.TryGetValue(key, out var type) || IsNull(value))
            {
                continue;
            }

            var wanted = type switch
            {
                FieldType.String when value is not YamlScalarNode => "a string",
                FieldType.Boolean when !IsBoolean(value) => "a boolean",
                FieldType.StringList when value is not YamlSequenceNode list || list.Children.Any(c => c is not YamlScalarNode) => "a list of strings",
                FieldType.StringMap when value is not YamlMappingNode map || map.Children.Values.Any(v => v is not YamlScalarNode) => "a mapping of strings",
                FieldType.Mapping when value is not YamlMappingNode => "a mapping",
                FieldType.List when value is not YamlSequenceNode => "a list",
                _ => null,
            };
            if (wanted is not null)
            {
                return (value, $"{prefix}{key} must be {wanted}, not a {Describe(value)}");
            }
        }

        return null;
    }

    // kubectl reads kubeconfig YAML with YAML 1.1 rules: yes and on are booleans too; a quoted "true" is a string.
    private static bool IsBoolean(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: { } text }
        && Sources.PlainScalars.TryParseBoolean(text, out _);

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>mapping, list or scalar, for messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };
}
