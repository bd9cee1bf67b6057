namespace Kami.Core.Hosting;

/// <summary>
/// Creates what KAMI keeps for itself (its home, the registry, tool data, keys, the token) readable by its own
/// user only: directories 0700 and files 0600 on Unix, whatever the umask would allow. Only what is created
/// here gets these modes; an existing directory the operator set up is left as it is.
/// </summary>
public static class PrivateFiles
{
    /// <summary>0700: read, write and search for KAMI's user only.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    /// <summary>0600: read and write for KAMI's user only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates a directory and any missing parents, each 0700.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path);
        // Directory.CreateDirectory(path, mode) gives the mode to the last directory only; parents it makes get 0755.
        var missing = new Stack<string>();
        for (var dir = Path.GetFullPath(path); dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
            missing.Push(dir);
        while (missing.TryPop(out var dir)) Directory.CreateDirectory(dir, DirectoryMode);
        return new DirectoryInfo(path);
    }

    /// <summary>Creates an empty file (0600) if there is none yet, so whatever writes it next does not choose the mode.</summary>
    public static void CreateFile(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already there (another process made it first): keep it as it is.
        }
    }

    /// <summary>Writes a file that only KAMI's user may read (created 0600, never world-readable for a moment).</summary>
    public static void WriteAllText(string path, string text)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
