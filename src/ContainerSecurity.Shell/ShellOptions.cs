namespace ContainerSecurity.Shell;

/// <summary>The command line, read the way pwsh reads it: <c>-Command</c> takes the rest as script text,
/// <c>-File</c> takes a path and hands the arguments after it to the script.</summary>
internal sealed record ShellOptions(string? Command, string? File, IReadOnlyList<string> ScriptArguments, bool ShowHelp, bool ShowVersion)
{
    public const string Usage = """
        Usage: csshell -Command <script text> | -File <script.ps1> [arguments] | -Version | -Help

          -Command, -c   Runs the script text (the rest of the command line, joined with spaces).
                         '-' reads the script from standard input.
          -File, -f      Runs a script file; the arguments after it are passed to the script
                         (-Name value, -Name:value and -Switch are bound by name).
          -NoProfile, -NonInteractive, -NoLogo are accepted and ignored: the shell never loads a
          profile and never prompts.

        The ContainerSecurity module is imported before the script runs. Output is rendered by
        PowerShell's formatter with the module's views; errors go to stderr. The exit code is 0 on
        success, the code given to 'exit', or 1 when the script throws or writes an error.
        """;

    public static ShellOptions Parse(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i].ToLowerInvariant())
            {
                case "-command" or "-c" or "--command":
                    var text = string.Join(' ', args.Skip(i + 1));
                    return new ShellOptions(text == "-" ? Console.In.ReadToEnd() : text, null, [], false, false);
                case "-file" or "-f" or "--file":
                    return i + 1 < args.Count
                        ? new ShellOptions(null, args[i + 1], args.Skip(i + 2).ToArray(), false, false)
                        : throw new ArgumentException("-File needs the path of a script.");
                case "-noprofile" or "-nop" or "-noninteractive" or "-noni" or "-nologo" or "-nol":
                    continue;
                case "-version" or "-v" or "--version":
                    return new ShellOptions(null, null, [], false, true);
                case "-help" or "-h" or "-?" or "/?" or "--help":
                    return new ShellOptions(null, null, [], true, false);
                default:
                    // As in pwsh, a bare first argument is a script file.
                    return args[i].StartsWith('-')
                        ? throw new ArgumentException($"Unknown option '{args[i]}'.")
                        : new ShellOptions(null, args[i], args.Skip(i + 1).ToArray(), false, false);
            }
        }

        return new ShellOptions(null, null, [], true, false);
    }
}
