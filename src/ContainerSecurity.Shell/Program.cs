using System.Globalization;
using ContainerSecurity.Shell;

// Help files are looked up by UI culture; a machine without a locale (common in containers and CI) reports the
// invariant culture, for which no help folder exists, so fall back to the language the help is written in.
if (string.IsNullOrEmpty(CultureInfo.CurrentUICulture.Name))
{
    CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
}

ShellOptions options;
try
{
    options = ShellOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ShellOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(ShellOptions.Usage);
    return 0;
}

if (options.ShowVersion)
{
    Console.WriteLine($"ContainerSecurity.Shell {typeof(ShellRunner).Assembly.GetName().Version} (PowerShell {typeof(System.Management.Automation.PowerShell).Assembly.GetName().Version})");
    return 0;
}

var plainText = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
using var runner = ShellRunner.Open(Console.Out, Console.Error, plainText);
return options.File is not null ? runner.RunFile(options.File, options.ScriptArguments) : runner.RunCommand(options.Command!);
