using System.Globalization;

namespace ContainerSecurity.Engine.Kubernetes.Sources;

/// <summary>
/// How Kubernetes reads unquoted YAML scalars. kubectl converts YAML to JSON with YAML 1.1 rules (sigs.k8s.io/yaml
/// over go-yaml v2), so <c>yes</c>, <c>on</c> and <c>off</c> are booleans too; a quoted value is always a string.
/// </summary>
public static class PlainScalars
{
    /// <summary>Reads a YAML 1.1 boolean.</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "y" or "Y" or "on" or "On" or "ON":
                value = true;
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "n" or "N" or "off" or "Off" or "OFF":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Reads an integer (decimal, or 0x / 0o prefixed).</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The JSON type a plain scalar resolves to.</summary>
    public static string TypeOf(string text) =>
        TryParseBoolean(text, out _) ? "boolean"
        : TryParseInteger(text, out _) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "number"
        : "string";
}
