namespace ContainerSecurity;

/// <summary>The levels of the Kubernetes Pod Security Standards, from least to most restrictive.</summary>
public enum PodSecurityLevel
{
    /// <summary>Meets neither baseline nor restricted: unrestricted, known privilege escalations possible.</summary>
    Privileged,

    /// <summary>Meets baseline: prevents known privilege escalations, but is not hardened.</summary>
    Baseline,

    /// <summary>Meets restricted: follows current pod hardening practice.</summary>
    Restricted,
}
