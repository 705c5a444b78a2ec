using System.Text.RegularExpressions;

namespace ContainerSecurity.Engine.Files;

/// <summary>
/// Makes a third-party parser's message safe to show: parsers quote the input they stopped at (YamlDotNet names
/// anchors, tags and tokens; System.Text.Json quotes whole literals), and input may hold secrets. Messages name the
/// place and the reason, never the content.
/// </summary>
public static partial class ParserMessages
{
    /// <summary>The message with every quoted piece of input (a quoted run holding a letter or digit) replaced by '…'.</summary>
    public static string WithoutInput(string message) => QuotedInput().Replace(message, "'…'");

    // Quoted punctuation such as '...' or ']' is the parser's own grammar and stays.
    [GeneratedRegex(@"'[^'\r\n]*[\p{L}\p{N}][^'\r\n]*'|""[^""\r\n]*[\p{L}\p{N}][^""\r\n]*""", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedInput();
}
