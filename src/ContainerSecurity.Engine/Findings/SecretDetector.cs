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
    /// A command line fit for evidence: values of credential flags and assignments (<c>--client-secret=…</c>,
    /// <c>--token …</c>, <c>splunk-token=…</c>, <c>-u user:password</c>) and values that look like credentials are masked;
    /// everything else is kept so the finding stays useful.
    /// </summary>
    public static IEnumerable<string> MaskArguments(IEnumerable<string> arguments)
    {
        var pending = Pending.None;
        var previous = string.Empty;
        foreach (var argument in arguments)
        {
            var masked = MaskWord(RedactUrlCredentials(argument), previous, ref pending);
            previous = argument;
            yield return masked;
        }
    }

    /// <summary>
    /// The one masking every text the module shows goes through: finding messages, evidence, remediation and targets,
    /// daemon settings, verbose, warning and error messages. Passwords in URLs (<c>scheme://user:password@host</c>
    /// keeps <c>scheme://user@host</c>) and URL queries are removed; values of credential flags and assignments,
    /// <c>-u user:password</c> (curl, wget), <c>Bearer</c> tokens and values shaped like credentials are masked. The text
    /// keeps its spacing and line breaks, so remediation snippets stay intact.
    /// </summary>
    public static string MaskText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (!MayHoldCredential(text))
        {
            return text;
        }

        var redacted = RedactUrlCredentials(text);
        var builder = new System.Text.StringBuilder(redacted.Length);
        var pending = Pending.None;
        var previous = string.Empty;
        var last = 0;
        foreach (Match word in Word().Matches(redacted))
        {
            builder.Append(redacted, last, word.Index - last);
            builder.Append(MaskWord(word.Value, previous, ref pending));
            previous = word.Value;
            last = word.Index + word.Length;
        }

        return builder.Append(redacted, last, redacted.Length - last).ToString();
    }

    /// <summary>
    /// Whether <see cref="MaskText"/> could change <paramref name="text"/>: it holds a URL, an assignment, a word that
    /// is a flag, Bearer or Basic, or a value of a known secret shape. Most finding texts hold none of these, and every
    /// finding's texts go through the masking, so this check keeps the word-by-word pass off the audit's hot path.
    /// It errs towards true: a match of <see cref="SecretValue"/> inside one word is also a match in the whole text.
    /// </summary>
    private static bool MayHoldCredential(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains('=', StringComparison.Ordinal)
            || text.Contains("bearer", StringComparison.OrdinalIgnoreCase) || text.Contains("basic", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        for (var dash = text.IndexOf('-', StringComparison.Ordinal); dash >= 0; dash = text.IndexOf('-', dash + 1))
        {
            // A word whose core starts with '-' (after the quotes and brackets MaskWord trims) is a flag.
            if (dash == 0 || char.IsWhiteSpace(text[dash - 1]) || text[dash - 1] is '"' or '\'' or '`' or '(' or '[' or '{')
            {
                return true;
            }
        }

        return SecretValue().IsMatch(text);
    }

    /// <summary>
    /// An exception whose message (or inner exception's message) quotes a secret, rebuilt with the masked text and
    /// the same type where the type allows it; the exception itself when there is nothing to mask.
    /// </summary>
    public static Exception MaskException(Exception exception)
    {
        var inner = exception.InnerException is { } i ? MaskException(i) : null;
        var message = MaskText(exception.Message);
        if (message == exception.Message && ReferenceEquals(inner, exception.InnerException))
        {
            return exception;
        }

        try
        {
            if (exception.GetType().GetConstructor([typeof(string), typeof(Exception)]) is { } withInner)
            {
                return (Exception)withInner.Invoke([message, inner]);
            }
        }
        catch (System.Reflection.TargetInvocationException)
        {
            // Not constructible this way: fall back below.
        }

        return new InvalidOperationException(message, inner);
    }

    /// <summary>What the next word of a command line is, after a flag that takes a credential.</summary>
    private enum Pending
    {
        None,
        Secret,
        Credential,
        UserAndPassword,
    }

    private static string MaskWord(string word, string previous, ref Pending pending)
    {
        var opening = word.Length - word.TrimStart('"', '\'', '`', '(', '[', '{').Length;
        var prefix = word[..opening];
        var core = word[opening..];
        var was = pending;
        pending = Pending.None;
        if (was != Pending.None && !core.StartsWith('-'))
        {
            return was switch
            {
                Pending.Secret => IsHarmless(core) ? word : prefix + Mask(core),

                // "Bearer eyJ…" is a credential; "a bearer token" in a sentence is not.
                Pending.Credential => core.All(char.IsAsciiLetterLower) ? word : prefix + Mask(core),
                _ => prefix + MaskUserAndPassword(core),
            };
        }

        var equals = core.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? core : core[..equals]).TrimStart('-').TrimEnd(':');
        if (equals > 0)
        {
            var value = core[(equals + 1)..];
            if (IsCredentialName(name) && !IsHarmless(value))
            {
                return prefix + core[..(equals + 1)] + Mask(value);
            }

            if (core.StartsWith('-') && s_userFlags.Contains(name))
            {
                return prefix + core[..(equals + 1)] + MaskUserAndPassword(value);
            }
        }
        else if (core.StartsWith('-'))
        {
            pending = IsCredentialName(name) ? Pending.Secret : s_userFlags.Contains(name) ? Pending.UserAndPassword : Pending.None;
            return word;
        }
        else if (core.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            || (core.Equals("Basic", StringComparison.OrdinalIgnoreCase) && previous.EndsWith("authorization:", StringComparison.OrdinalIgnoreCase)))
        {
            pending = Pending.Credential;
            return word;
        }

        return SecretValue().Replace(word, m => Mask(m.Value));
    }

    /// <summary>curl's and wget's <c>user:password</c>: the user stays, the password goes.</summary>
    private static string MaskUserAndPassword(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || IsHarmless(value[(colon + 1)..]) ? value : value[..(colon + 1)] + Mask(value[(colon + 1)..]);
    }

    /// <summary>A name that holds a credential when it is a flag or an assignment: DB_PASSWORD, --client-secret, splunk-token, PGPASS.</summary>
    private static bool IsCredentialName(string name) => name.Length > 0 && CredentialName().IsMatch(name);

    /// <summary>Values that carry no secret: booleans, references to other variables, and what is already masked.</summary>
    private static bool IsHarmless(string value)
    {
        var trimmed = value.Trim('"', '\'', ',', ';', ')', ']', '}', '`');
        return trimmed.Length == 0 || trimmed.StartsWith('$') || trimmed.StartsWith("********", StringComparison.Ordinal)
            || trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase)
            || trimmed is "(empty)" or "(not" or "(none)";
    }

    // curl -u/--user and --proxy-user, wget --user … --password is a credential name of its own.
    private static readonly HashSet<string> s_userFlags = new(StringComparer.Ordinal) { "u", "user", "U", "proxy-user" };

    /// <summary>
    /// Drops the password of <c>scheme://user:password@host</c> URLs (leaving <c>scheme://user@host</c>) and masks the
    /// query of URLs, where tokens travel.
    /// </summary>
    private static string RedactUrlCredentials(string text) =>
        UrlQuery().Replace(UrlPassword().Replace(text, "${user}@"), "?********");

    /// <summary>A masked stand-in for a secret value that keeps only its length.</summary>
    public static string Mask(string? value) =>
        string.IsNullOrEmpty(value) ? "(empty)" : $"******** ({value.Length} characters, masked)";

    [GeneratedRegex(@"(pass(word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|client[-_]?secret|credential|auth|pwd|dsn|connection[-_]?string|conn[-_]?str)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    // Names that contain a secret word but point at a file or say something about one.
    [GeneratedRegex(@"(_FILE|_PATH|_DIR|_URL_?PATH|_LENGTH|_TTL|_EXPIR\w*|_TIMEOUT|_ENABLED|_TYPE|_MODE|_PROVIDER|_HEADER)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotSecretName();

    [GeneratedRegex(@"(pass(word|wd|phrase)|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credentials?|connection[-_]?string)$|(^|[-_.])(pass|pwd|auth|dsn|conn[-_]?str)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();

    [GeneratedRegex(@"\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<=[a-z][a-z0-9+.-]*://)(?<user>[^/\s:@]+):[^/\s@]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<=[a-z][a-z0-9+.-]*://[^\s?]*)\?[^\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlQuery();

    [GeneratedRegex(@"(?<AWS_access_key_id>\b(AKIA|ASIA)[0-9A-Z]{16}\b)|(?<GitHub_token>\bgh[pousr]_[A-Za-z0-9]{36,}\b)|(?<Slack_token>\bxox[abprs]-[A-Za-z0-9-]{10,})|(?<private_key>-{3,}BEGIN ([A-Z]+ )?PRIVATE KEY-{3,})|(?<JSON_web_token>\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})|(?<password_in_URL>\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@)|(?<Google_API_key>\bAIza[0-9A-Za-z_-]{35}\b)|(?<Stripe_key>\b[rs]k_live_[0-9A-Za-z]{20,}\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SecretValue();
}
