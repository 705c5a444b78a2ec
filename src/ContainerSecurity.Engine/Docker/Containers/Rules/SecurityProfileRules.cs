namespace ContainerSecurity.Engine.Docker.Containers.Rules;

/// <summary>Linux security modules and kernel filters: AppArmor (DC001), SELinux (DC002), seccomp (DC022), no_new_privs (DC025).</summary>
internal static class SecurityProfileRules
{
    public static IEnumerable<ContainerRule> Rules =>
    [
        new("DC001", AppArmor),
        new("DC002", SELinux),
        new("DC022", Seccomp),
        new("DC025", NoNewPrivileges),
    ];

    private static IEnumerable<CheckResult> AppArmor(ContainerSubject subject, ContainerRule rule)
    {
        const string field = "AppArmorProfile";
        var c = subject.Container;
        var profile = c.Document.String("AppArmorProfile") ?? string.Empty;
        var observed = profile.Length == 0 ? "(none)" : profile;
        if (subject.Host is { AppArmor: false })
        {
            yield return rule.NotApplicable("The daemon does not use AppArmor (GET /info lists no name=apparmor).", observed, field);
        }
        else if (profile.Equals("unconfined", StringComparison.OrdinalIgnoreCase))
        {
            yield return rule.Fail($"Container '{c.Name}' runs without AppArmor confinement (unconfined{(c.Privileged ? ", privileged" : string.Empty)}).", observed, "docker-default or a tailored profile", field);
        }
        else if (profile.Length > 0)
        {
            yield return rule.Pass($"Container '{c.Name}' runs under the AppArmor profile '{profile}'.", observed, "docker-default or a tailored profile", field);
        }
        else if (subject.Host is { AppArmor: true })
        {
            yield return rule.Fail($"Container '{c.Name}' has no AppArmor profile although the daemon uses AppArmor.", observed, "docker-default or a tailored profile", field);
        }
        else if ((c.Document.String("ProcessLabel") ?? string.Empty).Length > 0)
        {
            yield return rule.NotApplicable($"Container '{c.Name}' is confined by SELinux (ProcessLabel is set), so its host uses SELinux, not AppArmor.", observed, field);
        }
        else
        {
            yield return rule.Warn($"Container '{c.Name}' has no AppArmor profile; saved inspect output does not tell whether its host uses AppArmor.", observed, "docker-default or a tailored profile", field);
        }
    }

    private static IEnumerable<CheckResult> SELinux(ContainerSubject subject, ContainerRule rule)
    {
        var c = subject.Container;
        var label = c.Document.String("ProcessLabel") ?? string.Empty;
        var disabled = c.SecurityOptions.FirstOrDefault(o => Normalize(o) is "label=disable" or "label=disabled");
        var type = label.Split(':') is { Length: >= 3 } parts ? parts[2] : string.Empty;
        var observed = label.Length == 0 ? "(no process label)" : label;
        if (subject.Host is { SELinux: false })
        {
            yield return rule.NotApplicable("The daemon does not use SELinux (GET /info lists no name=selinux).", observed, "ProcessLabel");
        }
        else if (disabled is not null)
        {
            yield return rule.Fail($"Container '{c.Name}' turns SELinux labelling off ({disabled}).", disabled, "no label=disable", "HostConfig.SecurityOpt");
        }
        else if (type is "spc_t" or "unconfined_t")
        {
            yield return rule.Fail($"Container '{c.Name}' runs as the unconfined SELinux type {type}.", observed, "container_t with its own MCS categories", "ProcessLabel");
        }
        else if (label.Length > 0)
        {
            yield return rule.Pass($"Container '{c.Name}' runs with the SELinux label {label}.", observed, "container_t with its own MCS categories", "ProcessLabel");
        }
        else if (subject.Host is { SELinux: true } || c.Privileged)
        {
            yield return rule.Fail($"Container '{c.Name}' runs without an SELinux label{(c.Privileged ? " (privileged)" : " although the daemon uses SELinux")}.", observed, "container_t with its own MCS categories", "ProcessLabel");
        }
        else
        {
            yield return rule.NotApplicable($"Container '{c.Name}' has no SELinux label, as on hosts without SELinux; on an SELinux host check that the daemon runs with selinux-enabled.", observed, "ProcessLabel");
        }
    }

    private static IEnumerable<CheckResult> Seccomp(ContainerSubject subject, ContainerRule rule)
    {
        const string field = "HostConfig.SecurityOpt";
        var c = subject.Container;
        var unconfined = c.SecurityOptions.FirstOrDefault(o => Normalize(o) == "seccomp=unconfined");
        if (c.Privileged)
        {
            yield return rule.NotApplicable($"Container '{c.Name}' is privileged and so runs without seccomp; DC005 reports it.", "Privileged=true", field);
        }
        else if (unconfined is not null)
        {
            yield return rule.Fail($"Container '{c.Name}' runs without a seccomp filter ({unconfined}).", unconfined, "the default seccomp profile or a tailored one", field);
        }
        else
        {
            var custom = c.SecurityOptions.FirstOrDefault(o => Normalize(o).StartsWith("seccomp=", StringComparison.Ordinal));
            yield return rule.Pass($"Container '{c.Name}' runs with {(custom is null ? "the default seccomp profile" : "a custom seccomp profile")}.", custom ?? "(default)", "the default seccomp profile or a tailored one", field);
        }
    }

    private static IEnumerable<CheckResult> NoNewPrivileges(ContainerSubject subject, ContainerRule rule)
    {
        const string field = "HostConfig.SecurityOpt";
        const string expected = "no-new-privileges:true, on the container or as the daemon's default";
        var c = subject.Container;
        var option = c.SecurityOptions.FirstOrDefault(o => Normalize(o).StartsWith("no-new-privileges", StringComparison.Ordinal));
        var value = option is null ? null : Normalize(option) is var n && n.Contains('=') ? n[(n.IndexOf('=') + 1)..] : "true";
        var defaults = subject.Host?.Defaults;
        if (value is "true" or "1")
        {
            yield return rule.Pass($"Container '{c.Name}' sets no-new-privileges.", option!, expected, field);
        }
        else if (option is not null)
        {
            // An explicit value overrides the daemon's default (moby's parseSecurityOpt): the kernel flag is off.
            yield return rule.Fail(
                $"Container '{c.Name}' turns no-new-privileges off ({option}), overriding any daemon default, so setuid binaries can raise privileges.",
                option, expected, field);
        }
        else if (defaults?.NoNewPrivileges == true)
        {
            yield return rule.Pass(
                $"Container '{c.Name}' gets no-new-privileges from the daemon's default ({defaults.Provenance}).",
                $"(not set); daemon default: {defaults.Provenance}", expected, field);
        }
        else if (defaults?.NoNewPrivileges == false)
        {
            yield return rule.Fail(
                $"Container '{c.Name}' does not set no-new-privileges and the daemon's default is off ({defaults.Provenance}), so setuid binaries can raise privileges.",
                $"(not set); daemon default: {defaults.Provenance}", expected, field);
        }
        else
        {
            var why = defaults is null ? "saved inspect output does not show the daemon's default (daemon.json \"no-new-privileges\" or dockerd --no-new-privileges)" : defaults.Provenance;
            yield return rule.Fail(
                $"Container '{c.Name}' does not set no-new-privileges, so setuid binaries can raise privileges unless the daemon's default turns it on; {why}.",
                "(not set)", expected, field);
        }
    }

    /// <summary>Docker accepts both "key:value" (old) and "key=value"; compare in one form.</summary>
    internal static string Normalize(string option)
    {
        var separator = option.IndexOfAny([':', '=']);
        return separator < 0 ? option.ToLowerInvariant() : option[..separator].ToLowerInvariant() + "=" + option[(separator + 1)..].ToLowerInvariant();
    }
}
