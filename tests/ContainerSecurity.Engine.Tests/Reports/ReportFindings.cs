using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Tests.Reports;

/// <summary>Findings as the audits would make them, built through the factory so they carry catalog data.</summary>
internal static class ReportFindings
{
    public const string HostileWorkload = "<script>document.title='pwned'</script>";
    public const string HostileMessage = "NET_RAW is kept <img src=x onerror=\"document.title='owned'\">";

    public static Finding PodFail(string name = "web", string? container = "nginx", int line = 7, string ruleId = "KP001", Severity? severity = null) =>
        FindingFactory.Create(ruleId, FindingStatus.Fail,
            new FindingTarget { File = "k8s/web.yaml", Line = line, Column = 9, Namespace = "shop", Kind = "Deployment", Name = name, Container = container, FieldPath = "spec.template.spec.containers[0].securityContext" },
            "NET_RAW is not dropped", new Evidence("capabilities.drop: (unset)", "drop contains ALL or NET_RAW", "k8s/web.yaml:12"), severity: severity);

    public static Finding PodPass(string name = "api") =>
        FindingFactory.Create("KP001", FindingStatus.Pass,
            new FindingTarget { File = "k8s/api.yaml", Line = 3, Namespace = "shop", Kind = "Deployment", Name = name, Container = "api" },
            "NET_RAW is dropped");

    public static Finding PodWaived(string name = "ping") =>
        FindingFactory.Create("KP001", FindingStatus.Fail,
            new FindingTarget { File = "k8s/ping.yaml", Line = 5, Namespace = "tools", Kind = "Deployment", Name = name, Container = "ping" },
            "NET_RAW is not dropped", waiver: new Waiver { Reason = "needs ping", Expires = new DateTime(2030, 1, 1), DeclaredIn = "containersecurity.io/waive-KP001" });

    public static Finding DaemonPass() =>
        FindingFactory.Create("DD003", FindingStatus.Pass, new FindingTarget { Host = "unix:///var/run/docker.sock" }, "log-level is info",
            new Evidence("log-level: info", "log-level: info", "default"));

    public static Finding ContainerFail(string name = "db") =>
        FindingFactory.Create("DC005", FindingStatus.Fail, new FindingTarget { Host = "unix:///var/run/docker.sock", Kind = "Container", Name = name },
            "The container runs privileged", new Evidence("HostConfig.Privileged: true", "false", "container inspect"));

    public static Finding ClusterError() =>
        FindingFactory.Create("KR001", FindingStatus.Error, new FindingTarget { Kind = "ClusterRoleBinding", Name = "ops" }, "The API server did not answer");
}
