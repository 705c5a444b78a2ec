using System.Text;

namespace ContainerSecurity.Engine.Http;

/// <summary>
/// The message an endpoint sent with a refusal (Docker's <c>message</c>, a Kubernetes Status), made fit to quote in an
/// error: a server may send megabytes, or control characters that drive the terminal the error is printed on.
/// </summary>
internal static class ServerMessage
{
    /// <summary>The most of a server's message an error quotes.</summary>
    internal const int MaxLength = 500;

    /// <summary>The message with control characters replaced by spaces and cut at <see cref="MaxLength"/> characters.</summary>
    public static string Quote(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        var cut = message.Length > MaxLength;
        var text = cut ? message[..MaxLength] : message;
        var builder = new StringBuilder(text.Length + 40);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        var quoted = builder.ToString().Trim();
        return cut ? $"{quoted}… ({message.Length} characters, cut)" : quoted;
    }
}
