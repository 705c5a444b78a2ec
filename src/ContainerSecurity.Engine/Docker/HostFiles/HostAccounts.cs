using System.Globalization;

namespace ContainerSecurity.Engine.Docker.HostFiles;

/// <summary>
/// The audited host's users and groups, from its own /etc/passwd and /etc/group (under the audit root), so that ids
/// are named as that host names them, not as the auditing machine would.
/// </summary>
internal sealed class HostAccounts
{
    private readonly Dictionary<uint, string> _users;
    private readonly Dictionary<uint, string> _groupNames;
    private readonly Dictionary<string, HostGroup> _groups;
    private readonly List<(string Name, uint PrimaryGid)> _primary;

    private HostAccounts(Dictionary<uint, string> users, List<(string, uint)> primary, Dictionary<string, HostGroup> groups)
    {
        _users = users;
        _primary = primary;
        _groups = groups;
        _groupNames = [];
        foreach (var group in groups.Values)
        {
            _groupNames.TryAdd(group.Gid, group.Name);
        }
    }

    /// <summary>Where the group database was read, for provenance.</summary>
    public required string GroupFile { get; init; }

    public bool HasGroupFile { get; init; }

    public static HostAccounts Read(HostRoot root)
    {
        var users = new Dictionary<uint, string>();
        var primary = new List<(string, uint)>();
        foreach (var fields in Lines(root.Resolve("/etc/passwd")))
        {
            if (fields.Length >= 4 && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                users.TryAdd(uid, fields[0]);
                if (uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
                {
                    primary.Add((fields[0], gid));
                }
            }
        }

        var groupFile = root.Resolve("/etc/group");
        var groups = new Dictionary<string, HostGroup>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var fields in Lines(groupFile))
        {
            lineNumber++;
            if (fields.Length >= 3 && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                var members = fields.Length >= 4 ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
                groups.TryAdd(fields[0], new HostGroup(fields[0], gid, members, lineNumber));
            }
        }

        return new HostAccounts(users, primary, groups) { GroupFile = root.Display("/etc/group"), HasGroupFile = File.Exists(groupFile) };
    }

    public string UserName(uint uid) => _users.TryGetValue(uid, out var name) ? name : uid.ToString(CultureInfo.InvariantCulture);

    public string GroupName(uint gid) => _groupNames.TryGetValue(gid, out var name) ? name : gid.ToString(CultureInfo.InvariantCulture);

    public HostGroup? Group(string name) => _groups.GetValueOrDefault(name);

    /// <summary>Accounts whose primary group is <paramref name="gid"/>: members as much as those listed in /etc/group.</summary>
    public IEnumerable<string> PrimaryMembers(uint gid) => _primary.Where(p => p.PrimaryGid == gid).Select(p => p.Name);

    private static IEnumerable<string[]> Lines(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(path))
        {
            // Blank lines and NIS "+" entries are not accounts; the line count stays true to the file for provenance.
            yield return line.Length == 0 || line[0] is '#' or '+' or '-' ? [] : line.Split(':');
        }
    }
}

/// <summary>A group of the audited host.</summary>
/// <param name="Line">The 1-based line of /etc/group that defines it.</param>
internal sealed record HostGroup(string Name, uint Gid, IReadOnlyList<string> Members, int Line);
