using System.Globalization;
using System.Management.Automation.Host;

namespace ContainerSecurity.Shell.Hosting;

/// <summary>
/// The host the engine talks to: output to stdout, errors, warnings, verbose and debug lines to stderr, and no
/// prompts (the shell runs unattended in CI and runbooks). Records the exit code a script asks for.
/// </summary>
internal sealed class ShellHost : PSHost
{
    private readonly Guid _instanceId = Guid.NewGuid();

    private readonly ShellHostUserInterface _ui;

    public ShellHost(TextWriter output, TextWriter error) => _ui = new ShellHostUserInterface(output, error);

    public override string Name => "ContainerSecurity.Shell";

    public override Version Version => typeof(ShellHost).Assembly.GetName().Version ?? new Version(0, 0);

    public override Guid InstanceId => _instanceId;

    public override PSHostUserInterface UI => _ui;

    /// <summary>Whether an error was shown since the last reset.</summary>
    public bool ErrorDisplayed
    {
        get => _ui.ErrorDisplayed;
        set => _ui.ErrorDisplayed = value;
    }

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <summary>The code passed to <c>exit</c> at the top level of a command, if it was called.</summary>
    public int? ExitCode { get; private set; }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() => throw new NotSupportedException("The shell has no interactive prompt.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("The shell has no interactive prompt.");

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }
}
