namespace ContainerSecurity.HelpCompiler;

/// <summary>
/// dotnet HelpCompiler.dll &lt;docsDir&gt; &lt;outDir&gt; &lt;ModuleAssemblyFileName&gt;
/// Compiles every cmdlet page in docsDir into outDir/&lt;ModuleAssemblyFileName&gt;-Help.xml (the name PowerShell
/// looks for next to a binary module's culture folder) and every about_*.md into outDir/about_*.help.txt.
/// Exit 0: all written. Exit 1: a page has problems (each printed as file:line: problem); nothing is written,
/// so a build never ships half-compiled help. Exit 2: wrong arguments.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: dotnet HelpCompiler.dll <docsDir> <outDir> <ModuleAssemblyFileName>");
            Console.Error.WriteLine("  e.g. dotnet HelpCompiler.dll docs/en-US out/ContainerSecurity/en-US ContainerSecurity.dll");
            return 2;
        }

        var (docsDir, outDir, assemblyFileName) = (args[0], args[1], args[2]);
        if (!Directory.Exists(docsDir))
        {
            Console.Error.WriteLine($"{docsDir}: error: help source folder not found");
            return 1;
        }

        var helpFileName = assemblyFileName + "-Help.xml";
        var problems = new List<HelpProblem>();
        var commands = new List<CmdletHelpDocument>();
        var aboutTopics = new List<(string Name, string Text)>();

        // Ordinal order keeps the output identical across machines and file systems.
        foreach (var path in Directory.GetFiles(docsDir, "*.md").Order(StringComparer.Ordinal))
        {
            var page = MarkdownDocument.Parse(path, File.ReadAllText(path), problems);
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                if (AboutTopicWriter.Render(page, problems) is { } text)
                {
                    aboutTopics.Add((name, text));
                }

                continue;
            }

            if (MarkdownHelpParser.Parse(page, helpFileName, problems) is not { } command)
            {
                continue;
            }

            if (commands.Any(c => c.Name.Equals(command.Name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new HelpProblem(path, 1, $"{command.Name} is documented by more than one page"));
            }

            commands.Add(command);
        }

        if (problems.Count > 0)
        {
            // Files are already in order; within a file, report from top to bottom.
            foreach (var problem in problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line))
            {
                Console.Error.WriteLine(problem);
            }

            Console.Error.WriteLine($"HelpCompiler: {problems.Count} problem(s) in {docsDir}; no help was written.");
            return 1;
        }

        Directory.CreateDirectory(outDir);
        if (commands.Count > 0)
        {
            var helpPath = Path.Combine(outDir, helpFileName);
            MamlWriter.Write(helpPath, commands);
            Console.WriteLine($"{helpPath} ({commands.Count} cmdlets)");
        }

        foreach (var (name, text) in aboutTopics)
        {
            var aboutPath = Path.Combine(outDir, name + ".help.txt");
            File.WriteAllText(aboutPath, text);
            Console.WriteLine(aboutPath);
        }

        return 0;
    }
}
