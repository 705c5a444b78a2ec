using ContainerSecurity.Engine.Kubernetes.Sources;
using ContainerSecurity.Engine.Scanning;
using static ContainerSecurity.Engine.Kubernetes.ControlPlane.ControlPlaneFindings;

namespace ContainerSecurity.Engine.Kubernetes.ControlPlane;

/// <summary>
/// KC013–KC017 on a KubeletConfiguration file (kubelet.config.k8s.io/v1beta1, usually /var/lib/kubelet/config.yaml).
/// Absent fields take the defaults of the configuration file format, which differ from the kubelet's command-line
/// defaults: in a file, anonymous auth is off, authorization is Webhook and the read-only port is 0.
/// </summary>
internal static class KubeletConfigurationChecks
{
    public static bool Applies(ManifestObject source) => source.Kind == "KubeletConfiguration";

    public static IEnumerable<ScanEvent> Evaluate(ManifestObject source)
    {
        var root = source.Root;
        var anonymous = root["authentication"]?["anonymous"]?["enabled"];
        var anonymousOn = anonymous?.Text is { } a && PlainScalars.TryParseBoolean(a, out var on) && on;
        yield return Finding("KC013", anonymousOn, Field(source, "authentication.anonymous.enabled", anonymous),
            "The kubelet accepts anonymous requests on port 10250 (authentication.anonymous.enabled: true): anyone who reaches it can read pods and, unless authorization is Webhook, run commands in them.",
            "The kubelet rejects anonymous requests.", $"authentication.anonymous.enabled: {anonymous?.Text ?? "(default false)"}", "authentication.anonymous.enabled: false (CIS 4.2.1)");

        var mode = root["authorization"]?["mode"];
        var modeText = mode?.Text ?? "Webhook";
        yield return Finding("KC014", modeText == "AlwaysAllow", Field(source, "authorization.mode", mode),
            "The kubelet authorizes every request (authorization.mode: AlwaysAllow): any authenticated caller can exec into every pod of the node.",
            "The kubelet authorizes requests through the API server (Webhook).", $"authorization.mode: {mode?.Text ?? "(default Webhook)"}", "authorization.mode: Webhook (CIS 4.2.2)");

        var port = root["readOnlyPort"];
        var portOpen = port?.Text is { } p && PlainScalars.TryParseInteger(p, out var number) && number != 0;
        yield return Finding("KC015", portOpen, Field(source, "readOnlyPort", port),
            $"The kubelet serves the unauthenticated read-only port {port?.Text}: pod specs, environment and metrics for anyone on the network.",
            "The kubelet's read-only port is off.", $"readOnlyPort: {port?.Text ?? "(default 0)"}", "readOnlyPort: 0 (CIS 4.2.4)");

        var protect = root["protectKernelDefaults"];
        var protectOn = protect?.Text is { } k && PlainScalars.TryParseBoolean(k, out var kernel) && kernel;
        yield return Finding("KC016", !protectOn, Field(source, "protectKernelDefaults", protect),
            "The kubelet overrides the node's kernel settings instead of refusing to start when they differ (protectKernelDefaults is not true).",
            "The kubelet protects kernel defaults.", $"protectKernelDefaults: {protect?.Text ?? "(default false)"}", "protectKernelDefaults: true (CIS 4.2.6)");

        var pids = root["podPidsLimit"];
        var limited = pids?.Text is { } l && PlainScalars.TryParseInteger(l, out var limit) && limit > 0;
        yield return Finding("KC017", !limited, Field(source, "podPidsLimit", pids),
            "The kubelet does not limit processes per pod (podPidsLimit unset or -1): one pod can exhaust the node's PIDs.",
            $"The kubelet limits each pod to {pids?.Text} processes.", $"podPidsLimit: {pids?.Text ?? "(default -1)"}", "podPidsLimit: a positive number such as 4096 (CIS 4.2.13)");
    }

    private static FindingTarget Field(ManifestObject source, string path, ManifestNode? node) => Target(source, null, path, node);
}
