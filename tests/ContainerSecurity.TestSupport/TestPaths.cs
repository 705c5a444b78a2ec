namespace ContainerSecurity.Tests.Shared;

/// <summary>Where the repository, the built module and the test fixtures are, found from the test binaries.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = Find();

    public static string Fixtures => Path.Join(RepositoryRoot, "tests", "fixtures");

    public static string ModuleDirectory => Path.Join(RepositoryRoot, "out", "ContainerSecurity");

    public static string ModuleManifest => Path.Join(ModuleDirectory, "ContainerSecurity.psd1");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Join(directory.FullName, "ContainerSecurity.psd1")) && Directory.Exists(Path.Join(directory.FullName, "src")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with ContainerSecurity.psd1) was not found above " + AppContext.BaseDirectory);
    }
}
