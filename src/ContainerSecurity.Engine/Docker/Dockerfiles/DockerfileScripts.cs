namespace ContainerSecurity.Engine.Docker.Dockerfiles;

/// <summary>The shell commands an instruction runs, whatever its form.</summary>
public static class DockerfileScripts
{
    private static readonly HashSet<string> s_shells = new(StringComparer.Ordinal) { "sh", "bash", "ash", "dash", "zsh", "ksh" };

    /// <summary>
    /// RUN, CMD, ENTRYPOINT: the shell form's script and heredoc bodies; an exec form that calls a shell with -c
    /// contributes that script; any other exec form is one command.
    /// </summary>
    public static IReadOnlyList<ShellCommand> Commands(DockerfileInstruction instruction)
    {
        if (instruction.ExecForm is { } exec)
        {
            var dashC = exec.Count >= 3 && s_shells.Contains(ShellCommand.Basename(exec[0])) ? IndexOfDashC(exec) : -1;
            return dashC > 0 && dashC + 1 < exec.Count ? ShellCommand.Parse(exec[dashC + 1]) : [new ShellCommand(exec, false)];
        }

        if (instruction.Heredocs.Count == 0)
        {
            return ShellCommand.Parse(instruction.Arguments);
        }

        // "RUN <<EOF" and "RUN bash -e <<EOF" run the body as a script; "RUN cat <<EOF > /etc/app.conf" only writes it.
        var commandLine = HeredocMarkers(instruction.Arguments).Trim();
        var first = commandLine.Split(' ', 2)[0];
        var bodiesAreScripts = commandLine.Length == 0 || s_shells.Contains(ShellCommand.Basename(first));
        return bodiesAreScripts
            ? ShellCommand.Parse(commandLine + "\n" + string.Join("\n", instruction.Heredocs.Select(h => h.Content)))
            : ShellCommand.Parse(commandLine);
    }

    /// <summary>The command line of a heredoc RUN is the part before its first heredoc marker ("RUN &lt;&lt;EOF" has none).</summary>
    private static string HeredocMarkers(string arguments)
    {
        var marker = arguments.IndexOf("<<", StringComparison.Ordinal);
        return marker < 0 ? arguments : arguments[..marker];
    }

    private static int IndexOfDashC(IReadOnlyList<string> exec)
    {
        for (var i = 1; i < exec.Count; i++)
        {
            if (exec[i] == "-c" || (exec[i].StartsWith('-') && exec[i].EndsWith('c')))
            {
                return i;
            }
        }

        return -1;
    }
}
