namespace Kami.TestCommon;

/// <summary>Locates files of the repository (fixtures, examples) from a test's output directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixture(string name) => Path.Combine(Root, "tests", "fixtures", "guests", name);

    public static string Example(string name) => Path.Combine(Root, "examples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kami.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (Kami.slnx) above " + AppContext.BaseDirectory);
    }
}
