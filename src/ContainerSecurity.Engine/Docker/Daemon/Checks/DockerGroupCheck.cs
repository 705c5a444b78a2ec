using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.Daemon.Checks;

/// <summary>
/// 1.1.2: only trusted accounts control the daemon. Members of the socket's group (the daemon's <c>group</c>
/// setting, docker by default) use the whole API, which is root on the host. Members are read from the audited
/// host's /etc/group, plus accounts whose primary group it is.
/// </summary>
internal sealed class DockerGroupCheck : IDaemonCheck
{
    public string RuleId => "DD020";

    public IReadOnlyList<string> SettingKeys { get; } = ["group"];

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var groupSetting = context.Config["group"];
        var name = groupSetting.Value?.Scalar ?? "docker";
        var accounts = context.Accounts;
        var target = new FindingTarget { Host = context.Config.Host, Kind = "Group", Name = name, File = accounts.GroupFile };
        if (!accounts.HasGroupFile)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Error, target,
                $"{accounts.GroupFile} is missing, so the members of '{name}' cannot be listed.",
                new Evidence("(no group database)", $"members of '{name}': trusted accounts only", accounts.GroupFile));
            yield break;
        }

        var group = accounts.Group(name);
        if (group is null)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Pass, target,
                $"There is no group '{name}' ({groupSetting.Provenance}): only root can use the daemon's socket.",
                new Evidence($"group '{name}': absent", $"members of '{name}': trusted accounts only", accounts.GroupFile));
            yield break;
        }

        target = new FindingTarget { Host = target.Host, Kind = target.Kind, Name = name, File = target.File, Line = group.Line };
        var members = group.Members.Concat(accounts.PrimaryMembers(group.Gid)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var evidence = new Evidence($"members of '{name}': {(members.Count == 0 ? "(none)" : string.Join(", ", members))}", "trusted accounts only", $"{accounts.GroupFile}:{group.Line}");
        var trusted = context.TrustedUsers;
        var untrusted = trusted is null ? members : members.Where(m => !trusted.Contains(m, StringComparer.Ordinal)).ToList();
        if (members.Count == 0 || untrusted.Count == 0)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Pass, target,
                members.Count == 0 ? $"The group '{name}' has no members: only root controls the daemon." : $"Every member of '{name}' is a trusted user ({string.Join(", ", members)}).",
                evidence);
        }
        else if (trusted is null)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Warn, target,
                $"{members.Count} account(s) control the daemon through the group '{name}', which is root on the host: {string.Join(", ", members)}. Name the accepted ones with -TrustedUser.",
                evidence, RemoveCommands(untrusted, name));
        }
        else
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.Fail, target,
                $"Untrusted account(s) control the daemon through the group '{name}', which is root on the host: {string.Join(", ", untrusted)}.",
                evidence, RemoveCommands(untrusted, name));
        }
    }

    private static string RemoveCommands(IEnumerable<string> users, string group) =>
        "Remove the accounts that must not be root on this host from the group (effective at their next login):\n"
        + string.Join('\n', users.Select(u => $"sudo gpasswd -d {u} {group}"));
}
