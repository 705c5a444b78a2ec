namespace ContainerSecurity.Engine.Catalog;

/// <summary>
/// The sources a rule may cite, spelled one way everywhere so that filters such as <c>Source -eq 'Trivy'</c> work,
/// and links for the sources whose URLs follow from the id.
/// </summary>
internal static class ReferenceSources
{
    public const string CisDocker = "CIS Docker 1.6.0";
    public const string CisKubernetes = "CIS Kubernetes";
    public const string MitreAttack = "MITRE ATT&CK";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        CisDocker, CisKubernetes, "Pod Security Standards", MitreAttack, "Microsoft Threat Matrix", "OWASP",
        "docker-bench-security", "kube-bench", "Trivy", "Checkov", "Kubescape", "Polaris", "kubesec", "kube-score",
        "kubeaudit", "hadolint", "NSA/CISA Kubernetes Hardening",
    };

    public static RuleReference Create(string document, string source, string id, string? url)
    {
        if (!Known.Contains(source))
        {
            throw new RuleDocumentException(document, 2, $"unknown reference source '{source}'; use one of: {string.Join(", ", Known)}");
        }

        return new RuleReference(source, id, url ?? DefaultUrl(source, id));
    }

    private static string? DefaultUrl(string source, string id) => source switch
    {
        // T1053.007 lives at techniques/T1053/007/.
        MitreAttack => $"https://attack.mitre.org/techniques/{id.Replace('.', '/')}/",
        "Pod Security Standards" => "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
        _ => null,
    };
}
