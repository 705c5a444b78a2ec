using ContainerSecurity.Engine.Docker.Daemon;
using ContainerSecurity.Engine.Findings;

namespace ContainerSecurity.Engine.Docker.HostFiles;

/// <summary>
/// One section 3 check: the ownership, or the permission bits, of every file a <see cref="FileRequirement"/> finds,
/// read with statx and named with the audited host's own user and group names. One finding per file; one
/// NotApplicable finding when there is no such file.
/// </summary>
internal sealed class FilePermissionCheck(FileRequirement requirement, bool ownership, FilePermissionCheck.FileList files) : IDaemonCheck
{
    public string RuleId => ownership ? requirement.OwnerRuleId : requirement.ModeRuleId;

    public IReadOnlyList<string> SettingKeys => requirement.SettingKeys ?? [];

    /// <summary>Both checks of a requirement, sharing one listing of its files (a trust store can hold thousands).</summary>
    public static IEnumerable<IDaemonCheck> All() =>
        FileRequirements.All().SelectMany(r =>
        {
            var files = new FileList(r);
            return new IDaemonCheck[] { new FilePermissionCheck(r, true, files), new FilePermissionCheck(r, false, files) };
        });

    public IEnumerable<Finding> Evaluate(DaemonAuditContext context)
    {
        var files = FilesOf(context);
        if (files.Count == 0)
        {
            yield return FindingFactory.Create(RuleId, FindingStatus.NotApplicable, new FindingTarget { Host = context.Config.Host, Kind = "HostFile", Name = requirement.What },
                requirement.NotApplicable(context));
            yield break;
        }

        foreach (var file in files)
        {
            yield return Examine(context, file);
        }
    }

    private IReadOnlyList<AuditedFile> FilesOf(DaemonAuditContext context) => files.For(context);

    private Finding Examine(DaemonAuditContext context, AuditedFile file)
    {
        var target = context.FileTarget(file.HostPath);
        UnixFileStatus status;
        try
        {
            status = context.Status(file.LocalPath);
        }
        catch (FileNotFoundException)
        {
            return FindingFactory.Create(RuleId, FindingStatus.Warn, target,
                $"{Capitalized(requirement.What)} {file.HostPath} is configured but does not exist.",
                new Evidence("(missing)", Expected(context), context.Root.Display(file.HostPath)));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return FindingFactory.Create(RuleId, FindingStatus.Error, target, $"Cannot examine {file.HostPath}: {e.Message}");
        }

        return ownership ? Owner(context, file, target, status) : Mode(file, target, status);
    }

    private Finding Owner(DaemonAuditContext context, AuditedFile file, FindingTarget target, UnixFileStatus status)
    {
        var group = requirement.RequiredGroup(context);
        var user = context.Accounts.UserName(status.Uid);
        var actualGroup = context.Accounts.GroupName(status.Gid);
        var evidence = new Evidence($"{user}:{actualGroup} (uid {status.Uid}, gid {status.Gid})", $"root:{group}", Source(context, file));
        if (status.Uid == 0 && actualGroup == group)
        {
            return FindingFactory.Create(RuleId, FindingStatus.Pass, target, $"{file.HostPath} is owned by root:{group}.", evidence);
        }

        var recursive = status.IsDirectory && file.HostPath != "/etc/docker" ? "-R " : string.Empty;
        return FindingFactory.Create(RuleId, FindingStatus.Fail, target,
            $"{file.HostPath} is owned by {user}:{actualGroup}, not root:{group}: that account can change {requirement.What}.",
            evidence, $"sudo chown {recursive}root:{group} {Quote(file.HostPath)}");
    }

    private Finding Mode(AuditedFile file, FindingTarget target, UnixFileStatus status)
    {
        var maximum = requirement.MaximumMode;
        var extra = status.Mode & ~maximum;
        var wanted = Octal(maximum);
        var evidence = new Evidence($"mode {status.OctalMode}", $"{wanted} or more restrictive", file.HostPath);
        // CIS allows 444 for every file of the registry trust store, but a client key readable by others is a secret given away.
        const UnixFileMode othersRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (extra == 0 && RuleId == "DF008" && file.HostPath.EndsWith(".key", StringComparison.Ordinal) && (status.Mode & othersRead) != 0)
        {
            return FindingFactory.Create(RuleId, FindingStatus.Warn, target,
                $"{file.HostPath} has mode {status.OctalMode}: within CIS's 444, but this client private key is readable by every local account.",
                new Evidence($"mode {status.OctalMode}", "400 for a private key", file.HostPath), $"sudo chmod 400 {Quote(file.HostPath)}");
        }

        if (extra == 0)
        {
            return FindingFactory.Create(RuleId, FindingStatus.Pass, target, $"{file.HostPath} has mode {status.OctalMode} ({wanted} or more restrictive).", evidence);
        }

        return FindingFactory.Create(RuleId, FindingStatus.Fail, target,
            $"{file.HostPath} has mode {status.OctalMode}, more permissive than {wanted} ({Describe(extra)}).",
            evidence, $"sudo chmod {wanted} {Quote(file.HostPath)}");
    }

    private string Expected(DaemonAuditContext context) =>
        ownership ? $"root:{requirement.RequiredGroup(context)}" : $"{Octal(requirement.MaximumMode)} or more restrictive";

    private static string Source(DaemonAuditContext context, AuditedFile file) =>
        $"stat of {context.Root.Display(file.HostPath)}; names from {context.Accounts.GroupFile}";

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);

    private static string Describe(UnixFileMode extra)
    {
        var parts = new List<string>();
        if ((extra & (UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit)) != 0)
        {
            parts.Add("special bits");
        }

        if ((extra & (UnixFileMode.OtherWrite | UnixFileMode.GroupWrite)) != 0)
        {
            parts.Add("writable by " + ((extra & UnixFileMode.OtherWrite) != 0 ? "everyone" : "the group"));
        }

        if ((extra & (UnixFileMode.OtherRead | UnixFileMode.GroupRead)) != 0)
        {
            parts.Add("readable by " + ((extra & UnixFileMode.OtherRead) != 0 ? "everyone" : "the group"));
        }

        if ((extra & (UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0 && parts.Count == 0)
        {
            parts.Add("extra bits " + Octal(extra));
        }

        return parts.Count == 0 ? "extra bits " + Octal(extra) : string.Join(", ", parts);
    }

    private static string Quote(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$') ? $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'" : path;

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The files of one requirement, listed once per audit context.</summary>
    internal sealed class FileList(FileRequirement requirement)
    {
        private DaemonAuditContext? _context;
        private IReadOnlyList<AuditedFile> _files = [];

        public IReadOnlyList<AuditedFile> For(DaemonAuditContext context)
        {
            if (!ReferenceEquals(context, _context))
            {
                _files = requirement.Files(context);
                _context = context;
            }

            return _files;
        }
    }
}
