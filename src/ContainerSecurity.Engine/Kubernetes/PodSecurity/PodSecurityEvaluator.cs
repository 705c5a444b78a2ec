using ContainerSecurity.Engine.Kubernetes.Checks;
using ContainerSecurity.Engine.Kubernetes.Workloads;

namespace ContainerSecurity.Engine.Kubernetes.PodSecurity;

/// <summary>
/// Computes the Pod Security Standards level of a pod spec from the exact controls of Pod Security Admission
/// (kubernetes/kubernetes pod-security-admission/policy/check_*.go, latest version): every baseline control, then the
/// restricted ones. Windows pods are exempt from the Linux-only restricted controls (allowPrivilegeEscalation,
/// seccompProfile_restricted, capabilities_restricted), as PSA exempts them.
/// </summary>
public static class PodSecurityEvaluator
{
    private static readonly string[] s_allowedAppArmor = ["RuntimeDefault", "Localhost"];

    /// <summary>Evaluates every control and returns the level with the violations.</summary>
    public static (PodSecurityLevel Level, List<string> Baseline, List<string> Restricted) Evaluate(WorkloadView workload)
    {
        var baseline = new List<string>();
        var restricted = new List<string>();
        EvaluateBaseline(workload, baseline);
        EvaluateRestricted(workload, restricted);
        var level = baseline.Count > 0 ? PodSecurityLevel.Privileged : restricted.Count > 0 ? PodSecurityLevel.Baseline : PodSecurityLevel.Restricted;
        return (level, baseline, restricted);
    }

    /// <summary>The assessment output for a workload.</summary>
    public static PodSecurityAssessment Assess(WorkloadView workload, FindingTarget target)
    {
        var (level, baseline, restricted) = Evaluate(workload);
        return new PodSecurityAssessment
        {
            Target = target,
            Level = level,
            BaselineViolations = [.. baseline],
            RestrictedViolations = [.. restricted],
        };
    }

    private static void EvaluateBaseline(WorkloadView w, List<string> v)
    {
        foreach (var (_, path, _) in WindowsHostProcessCheck.HostProcessFields(w))
        {
            v.Add("windowsHostProcess: " + path);
        }

        foreach (var field in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if (w.Bool(w.Spec, field, w.SpecPath) == true)
            {
                v.Add($"hostNamespaces: {w.SpecPath}.{field}");
            }
        }

        foreach (var c in w.Containers)
        {
            if (w.IsPrivileged(c))
            {
                v.Add($"privileged: {c.SecurityContextPath}.privileged");
            }

            var added = w.AddedCapabilities(c);
            if (added.Values.Any(cap => !CapabilityChecks.Baseline.Contains(cap)))
            {
                v.Add("capabilities_baseline: " + added.Path);
            }

            var ports = w.List(c.Node, "ports", c.Path);
            for (var i = 0; i < ports.Count; i++)
            {
                if (w.Integer(ports[i], "hostPort", $"{c.Path}.ports[{i}]") is { } port and not 0)
                {
                    v.Add($"hostPorts: {c.Path}.ports[{i}].hostPort");
                }
            }

            var (appArmor, _, appArmorPath) = LinuxSecurityModuleChecks.AppArmor(w, c);
            if (appArmor is not null && !s_allowedAppArmor.Contains(appArmor))
            {
                v.Add("appArmorProfile: " + appArmorPath);
            }

            var procMount = w.String(c.SecurityContext, "procMount", c.SecurityContextPath);
            if (procMount is not null and not "Default")
            {
                v.Add($"procMount: {c.SecurityContextPath}.procMount");
            }

            var seccomp = w.String(c.SecurityContext?["seccompProfile"], "type", c.SecurityContextPath + ".seccompProfile");
            if (seccomp == "Unconfined")
            {
                v.Add($"seccompProfile_baseline: {c.SecurityContextPath}.seccompProfile.type");
            }
        }

        var volumes = w.List(w.Spec, "volumes", w.SpecPath);
        for (var i = 0; i < volumes.Count; i++)
        {
            if (volumes[i]["hostPath"] is not null)
            {
                v.Add($"hostPathVolumes: {w.SpecPath}.volumes[{i}].hostPath");
            }
        }

        foreach (var (_, path, _, _) in ProbeHostCheck.CustomHosts(w))
        {
            v.Add("hostProbesAndHostLifecycle: " + path);
        }

        var podAppArmor = w.String(w.PodSecurityContext?["appArmorProfile"], "type", w.PodSecurityContextPath + ".appArmorProfile");
        if (podAppArmor is not null && !s_allowedAppArmor.Contains(podAppArmor))
        {
            v.Add($"appArmorProfile: {w.PodSecurityContextPath}.appArmorProfile.type");
        }

        foreach (var (path, _, _) in LinuxSecurityModuleChecks.SeLinuxViolations(w))
        {
            v.Add("seLinuxOptions: " + path);
        }

        var podSeccomp = w.String(w.PodSecurityContext?["seccompProfile"], "type", w.PodSecurityContextPath + ".seccompProfile");
        if (podSeccomp == "Unconfined")
        {
            v.Add($"seccompProfile_baseline: {w.PodSecurityContextPath}.seccompProfile.type");
        }

        var sysctls = w.List(w.PodSecurityContext, "sysctls", w.PodSecurityContextPath);
        for (var i = 0; i < sysctls.Count; i++)
        {
            if (sysctls[i]["name"]?.Text is { } name && !SysctlChecks.Safe.Contains(name))
            {
                v.Add($"sysctls: {w.PodSecurityContextPath}.sysctls[{i}].name");
            }
        }
    }

    private static void EvaluateRestricted(WorkloadView w, List<string> v)
    {
        var volumes = w.List(w.Spec, "volumes", w.SpecPath);
        for (var i = 0; i < volumes.Count; i++)
        {
            var type = VolumeChecks.VolumeType(volumes[i]);
            if (type is not null && !VolumeChecks.RestrictedTypes.Contains(type))
            {
                v.Add($"restrictedVolumes: {w.SpecPath}.volumes[{i}].{type}");
            }
        }

        var podNonRoot = w.Bool(w.PodSecurityContext, "runAsNonRoot", w.PodSecurityContextPath);
        if (podNonRoot == false)
        {
            v.Add($"runAsNonRoot: {w.PodSecurityContextPath}.runAsNonRoot");
        }

        if (w.Integer(w.PodSecurityContext, "runAsUser", w.PodSecurityContextPath) == 0)
        {
            v.Add($"runAsUser: {w.PodSecurityContextPath}.runAsUser");
        }

        var podSeccomp = w.String(w.PodSecurityContext?["seccompProfile"], "type", w.PodSecurityContextPath + ".seccompProfile");
        foreach (var c in w.Containers)
        {
            var sc = c.SecurityContext;
            var own = w.Bool(sc, "runAsNonRoot", c.SecurityContextPath);
            if (own == false || (own is null && podNonRoot != true))
            {
                v.Add($"runAsNonRoot: {c.SecurityContextPath}.runAsNonRoot");
            }

            if (w.Integer(sc, "runAsUser", c.SecurityContextPath) == 0)
            {
                v.Add($"runAsUser: {c.SecurityContextPath}.runAsUser");
            }

            if (w.IsWindows)
            {
                continue;
            }

            if (w.Bool(sc, "allowPrivilegeEscalation", c.SecurityContextPath) != false)
            {
                v.Add($"allowPrivilegeEscalation: {c.SecurityContextPath}.allowPrivilegeEscalation");
            }

            var seccomp = w.String(sc?["seccompProfile"], "type", c.SecurityContextPath + ".seccompProfile") ?? podSeccomp;
            if (seccomp is not ("RuntimeDefault" or "Localhost"))
            {
                v.Add($"seccompProfile_restricted: {c.SecurityContextPath}.seccompProfile.type");
            }

            var dropped = w.DroppedCapabilities(c);
            var added = w.AddedCapabilities(c);
            if (!dropped.Values.Contains("ALL"))
            {
                v.Add("capabilities_restricted: " + dropped.Path);
            }

            if (added.Values.Any(cap => cap != "NET_BIND_SERVICE"))
            {
                v.Add("capabilities_restricted: " + added.Path);
            }
        }
    }
}
