namespace Kami.Bench.Runtime;

internal static class RepoPaths
{
    /// <summary>The repository root: the first directory above the running assembly that holds Kami.slnx.</summary>
    public static string Root { get; } = Find();

    public static string EchoWasm => Path.Combine(Root, "examples", "echo", "echo.wasm");

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Kami.slnx"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (Kami.slnx) above " + AppContext.BaseDirectory);
    }
}
