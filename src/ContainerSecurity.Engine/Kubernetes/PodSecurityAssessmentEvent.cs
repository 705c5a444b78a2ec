using ContainerSecurity.Engine.Scanning;

namespace ContainerSecurity.Engine.Kubernetes;

/// <summary>The Pod Security Standards level of one workload, for <c>Get-PodThreat -PodSecurityLevel</c>.</summary>
public sealed record PodSecurityAssessmentEvent(PodSecurityAssessment Assessment) : ScanEvent;
