using System.Diagnostics;

namespace ContainerSecurity.Tests.Shared;

/// <summary>
/// Debian's <c>chromium</c>, run headless the way the page tests need it: a fresh profile per run, no network
/// services, no sandbox (containers), and a deadline so a hung browser fails the test instead of the run.
/// </summary>
public static class HeadlessChromium
{
    private static readonly string[] s_candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser executable; fails the test when none is installed (.ci/run installs Debian's chromium).</summary>
    public static string Executable => s_candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium (.ci/run does this).");

    /// <summary>Takes a screenshot of <paramref name="page"/> into <paramref name="png"/> at the given window size.</summary>
    public static void Screenshot(string page, string png, int width, int height) =>
        Run(page, $"--screenshot={png}", $"--window-size={width},{height}");

    /// <summary>The DOM after the page has loaded (and any script on it would have run).</summary>
    public static string DumpDom(string page) => Run(page, "--dump-dom");

    /// <summary>The DOM after load with the window at the given size, for scripts that measure the layout.</summary>
    public static string DumpDom(string page, int width, int height) => Run(page, "--dump-dom", $"--window-size={width},{height}");

    private static string Run(string page, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("cs-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", .. arguments, new Uri(Path.GetFullPath(page)).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish within 90 s: " + error.Result);
            }

            return process.ExitCode == 0
                ? output.Result
                : throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {error.Result}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
