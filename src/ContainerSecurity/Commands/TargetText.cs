using System.Globalization;
using System.Text.RegularExpressions;

namespace ContainerSecurity.Commands;

/// <summary>
/// Reads a target back from its display form (<see cref="FindingTarget.ToString"/>): <c>file:line</c>, then
/// <c>namespace/Kind/name</c> or the host, then <c>[container]</c>. A copy of a finding serialized too shallow holds
/// only this text. The form is not always unambiguous (a bare word may be a file, a name or a host), so the parts are
/// chosen so that the target prints, sorts and groups exactly as the original did.
/// </summary>
internal static partial class TargetText
{
    public static FindingTarget Parse(string text)
    {
        if (text.Length == 0 || text == "(unknown)")
        {
            return new FindingTarget();
        }

        string? container = null;
        var suffix = ContainerSuffix().Match(text);
        if (suffix.Success)
        {
            container = suffix.Groups["container"].Value;
            text = text[..suffix.Index];
        }

        // Names, kinds, namespaces and endpoints hold no spaces; a file path may, so the object is the last word.
        var space = text.LastIndexOf(' ');
        var last = space < 0 ? text : text[(space + 1)..];
        var rest = space < 0 ? null : text[..space];
        string? host = null, ns = null, kind = null, name = null;
        var named = ObjectName().Match(last);
        var looksNamed = named.Success && !FileLine().IsMatch(last);
        if (last.Contains("://", StringComparison.Ordinal))
        {
            host = last;
        }
        else if (looksNamed && (rest is not null || last.Contains('/', StringComparison.Ordinal)))
        {
            ns = named.Groups["namespace"].Success ? named.Groups["namespace"].Value : null;
            kind = named.Groups["kind"].Success ? named.Groups["kind"].Value : null;
            name = named.Groups["name"].Value;
        }
        else if (rest is not null && FileLine().IsMatch(rest))
        {
            // file:line then a name that is itself a path (a daemon.json finding names the file it is about).
            name = last;
        }
        else
        {
            // One word that is not an object: the whole text is the file (with its line) or the host.
            rest = text;
        }

        string? file = null;
        int? line = null;
        if (rest is not null)
        {
            var position = FileLine().Match(rest);
            file = position.Success ? position.Groups["file"].Value : rest;
            line = position.Success ? int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture) : null;
        }

        return new FindingTarget { File = file, Line = line, Host = host, Namespace = ns, Kind = kind, Name = name, Container = container };
    }

    [GeneratedRegex(@"\[(?<container>[^\[\]]+)\]$")]
    private static partial Regex ContainerSuffix();

    // namespace/Kind/name, Kind/name or name; a name may hold colons (system:masters) but no slash.
    [GeneratedRegex(@"^(?:(?:(?<namespace>[^/]+)/)?(?<kind>[^/]+)/)?(?<name>[^/]+)$")]
    private static partial Regex ObjectName();

    [GeneratedRegex(@"^(?<file>.+):(?<line>[0-9]+)$")]
    private static partial Regex FileLine();
}
