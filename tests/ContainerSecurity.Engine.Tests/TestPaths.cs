namespace ContainerSecurity.Engine.Tests;

internal static class TestPaths
{
    public static string RepositoryRoot { get; } = Find();

    public static string Fixtures => Path.Join(RepositoryRoot, "tests", "fixtures");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Join(directory.FullName, "ContainerSecurity.psd1")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
    }
}
