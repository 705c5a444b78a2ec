namespace ContainerSecurity.Engine.Reports;

/// <summary>The fixed wording of the cheat sheet, shared by every format so they say the same thing.</summary>
public static class SheetText
{
    public const string Building = "What are we building?";
    public const string GoWrong = "What can go wrong?";
    public const string DoAboutIt = "What are we going to do about it?";
    public const string GoodEnough = "Did we do a good enough job?";

    public const string BuildingIntro =
        "The system under review: Docker hosts (the daemon, its files on the host, the images it runs and the containers) " +
        "and Kubernetes clusters (pods and the workloads that template them; the cluster's RBAC, credentials, control " +
        "plane, nodes and namespaces). Trust boundaries sit between a container and its host, between a workload and " +
        "the cluster API, and between whoever may start containers and everyone else: on Docker, running a container " +
        "is access to the host.";

    public const string GoWrongIntro =
        "The threats of the rule catalog, by platform and STRIDE category: what each one is and how an attacker " +
        "exploits it. A threat with several STRIDE categories is filed under its first and names the others.";

    public const string DoAboutItIntro =
        "How to mitigate each threat, with snippets to paste (daemon.json, docker run flags, Dockerfile lines, " +
        "securityContext YAML, RBAC), and whether a cmdlet checks it automatically or a person has to.";

    public const string GoodEnoughIntro =
        "What the audits found. Failed counts findings that are not waived; waived counts failures whose risk was " +
        "accepted by an unexpired waiver. The matrix colours each STRIDE category × asset by the worst open finding.";

    public const string NoFindings =
        "No findings were given, so nothing has been checked yet. Run the audits and pipe their findings into " +
        "Export-ThreatCheatSheet to fill this section; the manual checks below need a person either way.";

    public static string Describe(Asset asset) => asset switch
    {
        Asset.Daemon => "The Docker daemon and its configuration (daemon.json, dockerd flags, the runtime view).",
        Asset.HostFiles => "Files on the Docker host: systemd units, sockets, TLS certificates and keys, configuration.",
        Asset.Image => "Container images and the Dockerfiles and registries that produce them.",
        Asset.Container => "Docker containers, created or running, and how they were started.",
        Asset.Pod => "Kubernetes pods and the pod templates of workloads (Deployments, StatefulSets, Jobs …).",
        Asset.Cluster => "The Kubernetes cluster: RBAC, credentials and kubeconfigs, API server, kubelets, etcd, namespaces.",
        _ => asset.ToString(),
    };

    public static string Name(Asset asset) => asset switch
    {
        Asset.HostFiles => "Host files",
        _ => asset.ToString(),
    };

    public static string Name(StrideCategory stride) => stride switch
    {
        StrideCategory.InformationDisclosure => "Information disclosure",
        StrideCategory.DenialOfService => "Denial of service",
        StrideCategory.ElevationOfPrivilege => "Elevation of privilege",
        _ => stride.ToString(),
    };

    public static string Describe(StrideCategory stride) => stride switch
    {
        StrideCategory.Spoofing => "Pretending to be someone or something else.",
        StrideCategory.Tampering => "Changing data, code or configuration without authority.",
        StrideCategory.Repudiation => "Acting without leaving a trace that ties the action to its author.",
        StrideCategory.InformationDisclosure => "Exposing information to someone not allowed to see it.",
        StrideCategory.DenialOfService => "Denying or degrading service to legitimate users.",
        StrideCategory.ElevationOfPrivilege => "Gaining capabilities without authorization.",
        _ => stride.ToString(),
    };

    public static string CheckedBy(SecurityRule rule) => rule.Mode == CheckMode.Automated
        ? $"Checked automatically by rule {rule.Id}."
        : $"Manual check: no cmdlet can decide {rule.Id}; a person reviews it (the steps are above).";

    public static string Outcome(ThreatResult result) =>
        !result.Audited ? "not audited"
        : result.WorstSeverity is { } worst ? $"{result.Failed} open, worst {worst}"
        : result.Passed > 0 || result.Waived > 0 ? "passed"
        : "no verdict";
}
