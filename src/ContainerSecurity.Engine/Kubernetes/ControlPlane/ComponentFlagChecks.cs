using System.Globalization;
using ContainerSecurity.Engine.Scanning;
using static ContainerSecurity.Engine.Kubernetes.ControlPlane.ControlPlaneFindings;

namespace ContainerSecurity.Engine.Kubernetes.ControlPlane;

/// <summary>
/// KC007–KC012, KC018–KC021 on the flags of kube-apiserver, etcd, kube-controller-manager, kube-scheduler and the
/// Kubernetes Dashboard. An absent flag is judged by the component's own default (for example the API server's
/// <c>--anonymous-auth</c> defaults to true and <c>--authorization-mode</c> to AlwaysAllow).
/// </summary>
internal static class ComponentFlagChecks
{
    public static IEnumerable<ScanEvent> Evaluate(ComponentFlags flags) => flags.Component switch
    {
        "kube-apiserver" => ApiServer(flags).Concat(Profiling(flags)),
        "kube-controller-manager" or "kube-scheduler" => Profiling(flags),
        "etcd" => Etcd(flags),
        "kubernetes-dashboard" => Dashboard(flags),
        _ => [],
    };

    private static FindingTarget At(ComponentFlags flags, string flag)
    {
        flags.TryGet(flag, out _, out var node, out var path);
        return Target(flags.Workload.Object, flags.Container.Name, path ?? $"{flags.Container.Path}.command", node ?? flags.Container.Node);
    }

    private static string Shown(ComponentFlags flags, string flag) =>
        flags.Value(flag) is { } value ? $"--{flag}={value}" : $"--{flag} not set";

    private static IEnumerable<ScanEvent> ApiServer(ComponentFlags f)
    {
        var anonymous = f.IsTrue("anonymous-auth", defaultValue: true) && !f.Has("authentication-config");
        yield return Finding("KC007", anonymous, At(f, "anonymous-auth"),
            "The API server accepts anonymous requests (--anonymous-auth is not false): unauthenticated callers act as system:anonymous.",
            "The API server rejects anonymous requests.", Shown(f, "anonymous-auth"), "--anonymous-auth=false (CIS 1.2.1)");

        var modes = (f.Value("authorization-mode") ?? (f.Has("authorization-config") ? "(authorization-config)" : "AlwaysAllow")).Split(',', StringSplitOptions.TrimEntries);
        var alwaysAllow = modes.Contains("AlwaysAllow");
        var missing = new[] { "Node", "RBAC" }.Where(m => !modes.Contains(m) && !f.Has("authorization-config")).ToList();
        yield return Finding("KC008", alwaysAllow || missing.Count > 0, At(f, "authorization-mode"),
            alwaysAllow
                ? "The API server authorizes every request: --authorization-mode includes AlwaysAllow (the default when the flag is absent)."
                : $"The API server's --authorization-mode lacks {string.Join(" and ", missing)}.",
            "The API server authorizes with Node and RBAC.", Shown(f, "authorization-mode"), "--authorization-mode=Node,RBAC (CIS 1.2.6-1.2.8)",
            alwaysAllow ? null : Severity.High);

        var logPath = f.Value("audit-log-path");
        var logged = logPath is { Length: > 0 } || f.Has("audit-webhook-config-file");
        var policy = f.Has("audit-policy-file");
        var retention = new List<string>();
        if (logPath is { Length: > 0 } && logPath != "-")
        {
            CheckAtLeast(f, "audit-log-maxage", 30, retention);
            CheckAtLeast(f, "audit-log-maxbackup", 10, retention);
            CheckAtLeast(f, "audit-log-maxsize", 100, retention);
        }

        var auditOff = !logged || !policy;
        yield return Finding("KC009", auditOff || retention.Count > 0, At(f, logged ? "audit-policy-file" : "audit-log-path"),
            auditOff
                ? $"The API server keeps no audit trail: {(!logged ? "no --audit-log-path or audit webhook" : "no --audit-policy-file, so nothing is logged")}. Nobody can tell who read a Secret or changed a binding."
                : $"The API server's audit log is rotated away too soon: {string.Join(", ", retention)}.",
            "The API server writes an audit log with a policy and keeps it.",
            $"{Shown(f, "audit-log-path")}; {Shown(f, "audit-policy-file")}; {Shown(f, "audit-log-maxage")}; {Shown(f, "audit-log-maxbackup")}; {Shown(f, "audit-log-maxsize")}",
            "--audit-log-path, --audit-policy-file, --audit-log-maxage>=30, --audit-log-maxbackup>=10, --audit-log-maxsize>=100 (CIS 1.2.16-1.2.19)",
            auditOff ? null : Severity.Low);

        var insecurePort = f.Value("insecure-port");
        var bind = f.Value("insecure-bind-address");
        var insecure = insecurePort is not null && insecurePort != "0";
        var noTls = f.Value("secure-port") == "0";
        var exposed = insecure && bind is not null && bind is not ("127.0.0.1" or "localhost" or "::1");
        yield return Finding("KC010", insecure || noTls, At(f, insecure ? "insecure-port" : "secure-port"),
            noTls && !insecure
                ? "The API server serves no TLS port (--secure-port=0)."
                : $"The API server serves an unauthenticated plain-HTTP port {insecurePort}{(exposed ? $" on {bind}, reachable from the network" : " (loopback)")}: requests on it bypass authentication and authorization.",
            "The API server serves no insecure port.", $"{Shown(f, "insecure-port")}; {Shown(f, "insecure-bind-address")}; {Shown(f, "secure-port")}",
            "--insecure-port=0 or absent, --secure-port non-zero", insecure && !exposed ? Severity.High : null);

        yield return Finding("KC011", f.Has("token-auth-file"), At(f, "token-auth-file"),
            $"The API server accepts static bearer tokens from {f.Value("token-auth-file")}: they never expire and can only be revoked by restarting it.",
            "The API server accepts no static token file.", Shown(f, "token-auth-file"), "no --token-auth-file (CIS 1.2.2)");
    }

    private static void CheckAtLeast(ComponentFlags f, string flag, int minimum, List<string> problems)
    {
        var value = f.Value(flag);
        if (value is null || !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < minimum)
        {
            problems.Add(value is null ? $"--{flag} not set" : $"--{flag}={value} (below {minimum})");
        }
    }

    private static IEnumerable<ScanEvent> Profiling(ComponentFlags f)
    {
        yield return Finding("KC012", f.IsTrue("profiling", defaultValue: true), At(f, "profiling"),
            $"{f.Component} serves Go profiling endpoints at /debug/pprof (--profiling is not false).",
            $"{f.Component} has profiling off.", Shown(f, "profiling"), "--profiling=false (CIS 1.2.15, 1.3.2, 1.4.1)");
    }

    private static IEnumerable<ScanEvent> Etcd(ComponentFlags f)
    {
        var clientAuth = f.IsTrue("client-cert-auth", defaultValue: false) && f.Has("trusted-ca-file");
        var clientTls = f.Has("cert-file") && f.Has("key-file");
        yield return Finding("KC018", !clientAuth || !clientTls, At(f, "client-cert-auth"),
            !clientTls
                ? "etcd serves clients without TLS (no --cert-file/--key-file) and so without client-certificate authentication: anyone who reaches port 2379 reads every Secret."
                : "etcd does not require client certificates (--client-cert-auth=true with --trusted-ca-file): anyone who reaches port 2379 reads every Secret.",
            "etcd requires TLS client certificates from a trusted CA.",
            $"{Shown(f, "client-cert-auth")}; {Shown(f, "trusted-ca-file")}; {Shown(f, "cert-file")}; {Shown(f, "key-file")}",
            "--cert-file, --key-file, --client-cert-auth=true, --trusted-ca-file (CIS 2.1, 2.2)");

        var peerAuth = f.IsTrue("peer-client-cert-auth", defaultValue: false) && f.Has("peer-trusted-ca-file");
        var peerTls = f.Has("peer-cert-file") && f.Has("peer-key-file");
        yield return Finding("KC019", !peerAuth || !peerTls, At(f, "peer-client-cert-auth"),
            $"etcd accepts peer members without {(!peerTls ? "TLS (no --peer-cert-file/--peer-key-file)" : "client certificates (--peer-client-cert-auth=true with --peer-trusted-ca-file)")}.",
            "etcd authenticates peers with certificates.",
            $"{Shown(f, "peer-client-cert-auth")}; {Shown(f, "peer-trusted-ca-file")}; {Shown(f, "peer-cert-file")}; {Shown(f, "peer-key-file")}",
            "--peer-cert-file, --peer-key-file, --peer-client-cert-auth=true, --peer-trusted-ca-file (CIS 2.4, 2.5)");

        var autoTls = f.IsTrue("auto-tls", false) ? "auto-tls" : f.IsTrue("peer-auto-tls", false) ? "peer-auto-tls" : null;
        yield return Finding("KC020", autoTls is not null, At(f, autoTls ?? "auto-tls"),
            $"etcd generates self-signed certificates (--{autoTls}=true) that no client or peer can verify.",
            "etcd uses certificates from a CA.", $"{Shown(f, "auto-tls")}; {Shown(f, "peer-auto-tls")}", "--auto-tls and --peer-auto-tls absent or false (CIS 2.3, 2.6)");
    }

    private static IEnumerable<ScanEvent> Dashboard(ComponentFlags f)
    {
        var skip = f.IsTrue("enable-skip-login", defaultValue: false);
        var insecure = f.IsTrue("enable-insecure-login", defaultValue: false);
        yield return Finding("KC021", skip || insecure, At(f, skip ? "enable-skip-login" : "enable-insecure-login"),
            skip
                ? "The Kubernetes Dashboard lets visitors skip login (--enable-skip-login): they act as the dashboard's own service account."
                : "The Kubernetes Dashboard allows login over plain HTTP (--enable-insecure-login), exposing tokens.",
            "The Kubernetes Dashboard requires a login token.", $"{Shown(f, "enable-skip-login")}; {Shown(f, "enable-insecure-login")}",
            "neither --enable-skip-login nor --enable-insecure-login", skip ? null : Severity.High);
    }
}
