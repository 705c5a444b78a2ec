using ContainerSecurity.Engine.Findings;
using ContainerSecurity.Engine.Scanning;
using YamlDotNet.RepresentationModel;
using static ContainerSecurity.Engine.Kubernetes.Credentials.KubeConfigFindings;

namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>
/// KC006: an exec credential plugin is "unexpected" when its program is not a known credential plugin (or one the
/// user trusts), when it is a relative path (it runs whatever file is at that place relative to the kubeconfig), or
/// when the program file or its folder can be written by other users (anyone can replace it).
/// </summary>
internal sealed class ExecPluginCheck : IKubeConfigCheck
{
    /// <summary>Credential plugins of the major clouds and OIDC, by program name.</summary>
    public static readonly IReadOnlySet<string> KnownPlugins = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "kubelogin", "kubectl-oidc_login", "aws", "aws-iam-authenticator", "gke-gcloud-auth-plugin", "gcloud",
        "oci", "doctl", "kubectl-oidc-login", "pinniped", "teleport", "tsh", "vcluster", "rancher", "ibmcloud", "linode-cli",
    };

    public IEnumerable<ScanEvent> Evaluate(KubeConfigFile file, KubeConfigAuditOptions options)
    {
        foreach (var user in file.Users)
        {
            if (KubeConfigReader.Child(user.Body, "exec") is not YamlMappingNode exec)
            {
                continue;
            }

            var commandNode = KubeConfigReader.Child(exec, "command") as YamlScalarNode;
            var command = commandNode?.Value ?? string.Empty;
            var target = Target(file, user, UserKind, "exec.command", commandNode ?? (YamlNode)exec);
            var arguments = KubeConfigReader.Child(exec, "args") is YamlSequenceNode args
                ? args.Children.OfType<YamlScalarNode>().Select(a => a.Value ?? string.Empty).ToList()
                : [];
            // Plugin arguments often carry credentials (--oidc-client-secret=…): evidence shows them masked.
            var commandLine = string.Join(' ', new[] { command }.Concat(SecretDetector.MaskArguments(arguments)));
            var reason = Unexpected(file, command, arguments, options);
            var evidence = new Evidence($"exec: {commandLine}", $"a known credential plugin ({string.Join(", ", KnownPlugins.Order(StringComparer.Ordinal).Take(6))} …) at a path only its owner can write", Where(target));
            yield return reason is null
                ? Finding("KC006", FindingStatus.Pass, target, $"User '{user.Name}' gets credentials from the known plugin '{ProgramName(command)}'.", evidence)
                : Finding("KC006", FindingStatus.Fail, target, $"User '{user.Name}'{UsedBy(file.ContextsUsingUser(user.Name))} runs '{command}' for credentials: {reason}", evidence);
        }
    }

    private static string? Unexpected(KubeConfigFile file, string command, IReadOnlyList<string> arguments, KubeConfigAuditOptions options)
    {
        if (command.Length == 0)
        {
            return "the exec entry names no program.";
        }

        var name = ProgramName(command);
        var known = KnownPlugins.Contains(name)
            || options.TrustedExecPlugins.Contains(name, StringComparer.OrdinalIgnoreCase)
            || options.TrustedExecPlugins.Contains(command, StringComparer.Ordinal)
            || (name.Equals("kubectl", StringComparison.OrdinalIgnoreCase) && arguments.Count > 0 && arguments[0] is "oidc-login");
        if (!known)
        {
            return $"'{name}' is not a known credential plugin, and it runs with the user's rights whenever kubectl needs a token.";
        }

        var hasSeparator = command.Contains('/') || command.Contains('\\');
        if (hasSeparator && !Path.IsPathRooted(command))
        {
            return $"the program is a relative path, so it runs whatever file is at '{Resolve(file, command)}'.";
        }

        if (Path.IsPathRooted(command) && WritableByOthers(command) is { } writable)
        {
            return $"'{writable}' can be written by other users, who can replace the program.";
        }

        return null;
    }

    private static string ProgramName(string command)
    {
        var name = command.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        return name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }

    /// <summary>The program file, or its folder without the sticky bit, when others may write it (Unix only).</summary>
    private static string? WritableByOthers(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return null;
        }

        if ((File.GetUnixFileMode(path) & UnixFileMode.OtherWrite) != 0)
        {
            return path;
        }

        var folder = Path.GetDirectoryName(path);
        if (folder is null)
        {
            return null;
        }

        // A world-writable folder with the sticky bit (/tmp) still lets anyone create a file there first, but not
        // replace one they do not own; the program's own mode was checked above.
        var mode = File.GetUnixFileMode(folder);
        return (mode & UnixFileMode.OtherWrite) != 0 && (mode & UnixFileMode.StickyBit) == 0 ? folder : null;
    }
}
