using System.Text;

namespace ContainerSecurity.Engine.Reports;

/// <summary>
/// Keeps raw control characters from the input (ESC, NUL, backspace …) out of text reports. A terminal that prints
/// a CSV or Markdown file would act on them (an ESC sequence can move the cursor, rewrite lines, set the title), so
/// the input could forge what a reader sees. Each one becomes a visible stand-in instead.
/// </summary>
public static class ControlCharacters
{
    /// <summary>
    /// Replaces C0 controls other than tab, line feed and carriage return with their Unicode control pictures
    /// (ESC becomes ␛, NUL ␀, backspace ␈), DEL with ␡, and C1 controls (U+0080–U+009F, which include the one-byte
    /// CSI) with U+FFFD. Text without them is returned as it is.
    /// </summary>
    public static string Visible(string text)
    {
        var first = IndexOfControl(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            builder.Append(c switch
            {
                '\t' or '\n' or '\r' => c,
                < ' ' => (char)('\u2400' + c),
                '\u007F' => '\u2421',
                >= '\u0080' and <= '\u009F' => '\uFFFD',
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static int IndexOfControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is (< ' ' and not ('\t' or '\n' or '\r')) or (>= '\u007F' and <= '\u009F'))
            {
                return i;
            }
        }

        return -1;
    }
}
