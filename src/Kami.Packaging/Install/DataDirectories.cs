namespace Kami.Packaging.Install;

/// <summary>Removes a tool's data directory without following a link out of it.</summary>
internal static class DataDirectories
{
    public static void Remove(string directory)
    {
        var info = new DirectoryInfo(directory);
        if (info.LinkTarget is not null)
        {
            // A link in place of the directory: remove the link, never what it points at.
            info.Delete();
            return;
        }
        // Recursive deletion removes links inside as links (it does not descend into them).
        ToolInstaller.TryDelete(directory);
    }
}
