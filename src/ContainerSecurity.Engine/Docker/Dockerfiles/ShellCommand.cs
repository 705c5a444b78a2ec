using System.Text;

namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>
/// One simple command of a shell script (a RUN line, a heredoc body, a CMD in shell form): its words with quotes
/// removed, and whether its input is piped from the command before it. Enough shell to tell
/// "apt-get install -y gcc" or "curl … | sh" apart from text that merely mentions them; not a full shell.
/// </summary>
public sealed record ShellCommand(IReadOnlyList<string> Words, bool PipedFromPrevious)
{
    /// <summary>The program, with any sudo/env/exec/command prefix, variable assignments and path dropped.</summary>
    public string Program => Words.Count > ProgramIndex ? Basename(Words[ProgramIndex]) : string.Empty;

    /// <summary>The words after the program.</summary>
    public IReadOnlyList<string> Arguments => Words.Count > ProgramIndex ? Words.Skip(ProgramIndex + 1).ToArray() : [];

    /// <summary>Whether the command runs through sudo.</summary>
    public bool UsesSudo => Words.Take(ProgramIndex).Any(w => Basename(w) == "sudo") || (Words.Count > 0 && Basename(Words[0]) == "sudo");

    private int ProgramIndex
    {
        get
        {
            var i = 0;
            while (i < Words.Count)
            {
                if (IsAssignment(Words[i]))
                {
                    i++;
                    continue;
                }

                if (!IsPrefixProgram(Words[i]))
                {
                    break;
                }

                var prefix = Basename(Words[i++]);
                while (i < Words.Count && Words[i].StartsWith('-'))
                {
                    // sudo -u user / -g group take a value.
                    i += prefix is "sudo" or "doas" && Words[i] is "-u" or "-g" ? 2 : 1;
                }
            }

            return i;
        }
    }

    private static bool IsAssignment(string word)
    {
        var equals = word.IndexOf('=');
        return equals > 0 && word[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(word[0]);
    }

    private static bool IsPrefixProgram(string word) => Basename(word) is "sudo" or "env" or "exec" or "command" or "nohup" or "time" or "doas";

    internal static string Basename(string word) => word[(word.LastIndexOf('/') + 1)..];

    /// <summary>Splits a script into simple commands at ;, &amp;&amp;, ||, |, &amp;, newlines and parentheses.</summary>
    public static IReadOnlyList<ShellCommand> Parse(string script)
    {
        var commands = new List<ShellCommand>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var piped = false;

        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        void EndCommand(bool pipeFollows)
        {
            EndWord();
            if (words.Count > 0)
            {
                commands.Add(new ShellCommand(words.ToArray(), piped));
            }

            words.Clear();
            piped = pipeFollows;
        }

        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            switch (c)
            {
                case '\\' when i + 1 < script.Length:
                    if (script[i + 1] != '\n')
                    {
                        word.Append(script[i + 1]);
                        inWord = true;
                    }

                    i++;
                    break;
                case '\'':
                    var close = script.IndexOf('\'', i + 1);
                    close = close < 0 ? script.Length : close;
                    word.Append(script, i + 1, Math.Max(0, close - i - 1));
                    inWord = true;
                    i = close;
                    break;
                case '"':
                    i = ReadDoubleQuoted(script, i, word);
                    inWord = true;
                    break;
                case '$' when i + 1 < script.Length && script[i + 1] == '(':
                    i = ReadBalanced(script, i, word);
                    inWord = true;
                    break;
                case '#' when !inWord:
                    var newline = script.IndexOf('\n', i);
                    i = (newline < 0 ? script.Length : newline) - 1;
                    break;
                case ' ' or '\t' or '\r':
                    EndWord();
                    break;
                case '\n' or ';' or '(' or ')' or '{' or '}' when !inWord || c is '\n' or ';' or ')':
                    EndCommand(false);
                    break;
                case '&':
                    if (i + 1 < script.Length && script[i + 1] == '&')
                    {
                        i++;
                    }
                    else if (i > 0 && script[i - 1] == '>' || (i + 1 < script.Length && script[i + 1] == '>'))
                    {
                        word.Append(c);
                        inWord = true;
                        break;
                    }

                    EndCommand(false);
                    break;
                case '|':
                    if (i + 1 < script.Length && script[i + 1] == '|')
                    {
                        i++;
                        EndCommand(false);
                    }
                    else
                    {
                        EndCommand(true);
                    }

                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }

        }

        EndCommand(false);
        return commands;
    }

    private static int ReadDoubleQuoted(string script, int start, StringBuilder word)
    {
        var i = start + 1;
        for (; i < script.Length && script[i] != '"'; i++)
        {
            if (script[i] == '\\' && i + 1 < script.Length && script[i + 1] is '"' or '\\' or '$' or '`')
            {
                i++;
            }
            else if (script[i] == '$' && i + 1 < script.Length && script[i + 1] == '(')
            {
                i = ReadBalanced(script, i, word);
                continue;
            }

            word.Append(script[i]);
        }

        return i;
    }

    /// <summary>Keeps a $( … ) substitution inside the current word, as text.</summary>
    private static int ReadBalanced(string script, int start, StringBuilder word)
    {
        var depth = 0;
        var i = start;
        for (; i < script.Length; i++)
        {
            var c = script[i];
            word.Append(c);
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                break;
            }
        }

        return i;
    }
}
