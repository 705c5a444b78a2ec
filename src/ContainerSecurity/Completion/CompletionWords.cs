using System.Management.Automation;
using System.Text.RegularExpressions;

namespace ContainerSecurity.Completion;

/// <summary>What the completers share: how the typed word selects candidates and how a candidate is written back.</summary>
internal static partial class CompletionWords
{
    /// <summary>
    /// A test of whether a candidate starts with the typed word, ignoring case; wildcards in the word are
    /// honoured (<c>KP0*1</c>), as pwsh's own completion of file names honours them.
    /// </summary>
    public static Func<string, bool> Matcher(string? wordToComplete)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        return pattern.IsMatch;
    }

    /// <summary>The candidate as pwsh must read it back: quoted when it holds a character a bare word cannot.</summary>
    public static string Quoted(string candidate) =>
        BareWord().IsMatch(candidate) ? candidate : "'" + candidate.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A value item; pwsh refuses an empty tooltip, so the text stands in for a missing one.</summary>
    public static CompletionResult Result(string value, string listItemText, string? toolTip) =>
        new(Quoted(value), listItemText, CompletionResultType.ParameterValue, string.IsNullOrEmpty(toolTip) ? listItemText : toolTip);

    [GeneratedRegex(@"^[\w.\-@:/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BareWord();
}
