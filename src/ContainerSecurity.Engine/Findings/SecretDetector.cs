using System.Text.RegularExpressions;

namespace ContainerSecurity.Engine.Findings;

/// <summary>
/// Recognises secrets by the name they are stored under (PASSWORD, API_KEY …) or by the shape of the value (cloud
/// keys, tokens, private keys), and masks them: a finding may say that a secret is there, never what it is.
/// </summary>
public static partial class SecretDetector
{
    /// <summary>Whether a variable, key or argument name suggests it holds a secret.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name) && !NotSecretName().IsMatch(name);

    /// <summary>Whether the value itself looks like a credential, whatever it is called.</summary>
    public static bool LooksLikeSecretValue(string value) => SecretValue().IsMatch(value);

    /// <summary>Names the kind of secret a value looks like, for evidence (e.g. "AWS access key id").</summary>
    public static string? DescribeValue(string value)
    {
        var match = SecretValue().Match(value);
        if (!match.Success)
        {
            return null;
        }

        foreach (var group in SecretValue().GetGroupNames().Where(g => !char.IsDigit(g[0])))
        {
            if (match.Groups[group].Success)
            {
                return group.Replace('_', ' ');
            }
        }

        return "credential";
    }

    /// <summary>
    /// A command line fit for evidence: values of secret-named flags and assignments (<c>--client-secret=…</c>,
    /// <c>--token …</c>, <c>splunk-token=…</c>) and arguments that look like credentials are masked; everything else is
    /// kept so the finding stays useful.
    /// </summary>
    public static IEnumerable<string> MaskArguments(IEnumerable<string> arguments)
    {
        var maskNext = false;
        foreach (var argument in arguments)
        {
            var flag = argument.TrimStart('-');
            var equals = flag.IndexOf('=', StringComparison.Ordinal);
            if (maskNext && !argument.StartsWith('-'))
            {
                yield return Mask(argument);
            }
            else if (equals > 0 && IsSecretName(flag[..equals]))
            {
                yield return argument[..(argument.Length - flag.Length + equals + 1)] + Mask(flag[(equals + 1)..]);
            }
            else
            {
                yield return LooksLikeSecretValue(argument) ? Mask(argument) : argument;
            }

            maskNext = argument.StartsWith('-') && equals < 0 && IsSecretName(flag);
        }
    }

    /// <summary>A command line given as one string, masked as <see cref="MaskArguments"/> does and with URL credentials removed.</summary>
    public static string MaskCommandLine(string commandLine) =>
        string.Join(' ', MaskArguments(RedactUrlCredentials(commandLine).Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>
    /// Drops the password of <c>scheme://user:password@host</c> URLs (leaving <c>scheme://user@host</c>) and masks the
    /// query of URLs, where tokens travel, wherever they appear in a text.
    /// </summary>
    public static string RedactUrlCredentials(string text) =>
        UrlQuery().Replace(UrlPassword().Replace(text, "${user}@"), "?********");

    /// <summary>A masked stand-in for a secret value that keeps only its length.</summary>
    public static string Mask(string? value) =>
        string.IsNullOrEmpty(value) ? "(empty)" : $"******** ({value.Length} characters, masked)";

    [GeneratedRegex(@"(pass(word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|client[-_]?secret|credential|auth|pwd|dsn|connection[-_]?string|conn[-_]?str)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    // Names that contain a secret word but point at a file or say something about one.
    [GeneratedRegex(@"(_FILE|_PATH|_DIR|_URL_?PATH|_LENGTH|_TTL|_EXPIR\w*|_TIMEOUT|_ENABLED|_TYPE|_MODE|_PROVIDER|_HEADER)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotSecretName();

    [GeneratedRegex(@"(?<=[a-z][a-z0-9+.-]*://)(?<user>[^/\s:@]+):[^/\s@]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<=[a-z][a-z0-9+.-]*://[^\s?]*)\?[^\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlQuery();

    [GeneratedRegex(@"(?<AWS_access_key_id>\b(AKIA|ASIA)[0-9A-Z]{16}\b)|(?<GitHub_token>\bgh[pousr]_[A-Za-z0-9]{36,}\b)|(?<Slack_token>\bxox[abprs]-[A-Za-z0-9-]{10,})|(?<private_key>-{3,}BEGIN ([A-Z]+ )?PRIVATE KEY-{3,})|(?<JSON_web_token>\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})|(?<password_in_URL>\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@)|(?<Google_API_key>\bAIza[0-9A-Za-z_-]{35}\b)|(?<Stripe_key>\b[rs]k_live_[0-9A-Za-z]{20,}\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SecretValue();
}
