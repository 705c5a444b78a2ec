namespace ContainerSecurity.Engine.Kubernetes.Credentials;

/// <summary>What the kubeconfig checks compare against: the clock, the expiry warning window, trusted plugins.</summary>
public sealed class KubeConfigAuditOptions
{
    /// <summary>The time certificates are checked against (a parameter so tests and reports are reproducible).</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>A client certificate that expires within this many days is reported (KC002).</summary>
    public int ExpiryWarningDays { get; init; } = 30;

    /// <summary>
    /// A client certificate valid for longer than this is reported as long-lived (KC002). One year and a day, so
    /// kubeadm's one-year certificates are not flagged.
    /// </summary>
    public TimeSpan MaximumLifetime { get; init; } = TimeSpan.FromDays(366);

    /// <summary>Exec plugin program names the user trusts in addition to the built-in list (KC006).</summary>
    public IReadOnlyCollection<string> TrustedExecPlugins { get; init; } = [];
}
