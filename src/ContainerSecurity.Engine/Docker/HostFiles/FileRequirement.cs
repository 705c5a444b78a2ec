using ContainerSecurity.Engine.Docker.Daemon;

namespace ContainerSecurity.Engine.Docker.HostFiles;

/// <summary>
/// The owner and mode CIS section 3 requires of one kind of daemon file, and how to find those files on the host.
/// One requirement yields two checks: ownership and permissions.
/// </summary>
/// <param name="What">What the files are, for messages: "the docker.service unit".</param>
/// <param name="OwnerRuleId">The rule for user:group.</param>
/// <param name="ModeRuleId">The rule for the permission bits.</param>
/// <param name="MaximumMode">The most permissive mode allowed; any bit outside it fails.</param>
/// <param name="Files">The files on the audited host (may be none).</param>
/// <param name="NotApplicable">Why nothing applies when no file is found.</param>
/// <param name="Group">The required group, from the daemon's configuration (root for most files).</param>
/// <param name="SettingKeys">The daemon options that decide which files these are, or which group they need.</param>
internal sealed record FileRequirement(
    string What,
    string OwnerRuleId,
    string ModeRuleId,
    UnixFileMode MaximumMode,
    Func<DaemonAuditContext, IReadOnlyList<AuditedFile>> Files,
    Func<DaemonAuditContext, string> NotApplicable,
    Func<DaemonAuditContext, string>? Group = null,
    IReadOnlyList<string>? SettingKeys = null)
{
    public string RequiredGroup(DaemonAuditContext context) => Group?.Invoke(context) ?? "root";
}
