using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ContainerSecurity.Shell.Hosting;

/// <summary>Writes the engine's streams to stdout and stderr as plain text; refuses to prompt.</summary>
internal sealed class ShellHostUserInterface : PSHostUserInterface
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public ShellHostUserInterface(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
    }

    public override PSHostRawUserInterface RawUI { get; } = new ShellRawUserInterface();

    public override void Write(string value) => _output.Write(Rendered(value));

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _output.Write(Rendered(value));

    public override void WriteLine(string value) => _output.WriteLine(Rendered(value));

    /// <summary>Whether an error reached the user since the last reset: errors a script catches never do.</summary>
    public bool ErrorDisplayed { get; set; }

    public override void WriteErrorLine(string value)
    {
        ErrorDisplayed = true;
        _error.WriteLine(Rendered(value));
    }

    public override void WriteWarningLine(string message) => _error.WriteLine("WARNING: " + Rendered(message));

    public override void WriteVerboseLine(string message) => _error.WriteLine("VERBOSE: " + Rendered(message));

    public override void WriteDebugLine(string message) => _error.WriteLine("DEBUG: " + Rendered(message));

    // Progress bars would garble logs; the completed scan's output says enough.
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override string ReadLine() => throw NoPrompt();

    public override SecureString ReadLineAsSecureString() => throw NoPrompt();

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw NoPrompt();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NoPrompt();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NoPrompt();

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw NoPrompt();

    // The formatter decorates table headers with ANSI colours; $PSStyle.OutputRendering decides whether they stay.
    private string Rendered(string text) => GetOutputString(text, SupportsVirtualTerminal);

    private static PSInvalidOperationException NoPrompt() =>
        new("The shell is non-interactive and cannot prompt. Pass the value as a parameter (for -Confirm prompts, add -Confirm:$false or -Force).");
}
