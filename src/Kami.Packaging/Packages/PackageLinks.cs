namespace Kami.Packaging.Packages;

/// <summary>
/// Finds symbolic links (and other reparse points) inside a directory package. Zips cannot carry links past
/// <see cref="SafeZipExtractor"/>; a directory can, so the whole tree is walked without following any.
/// </summary>
internal static class PackageLinks
{
    /// <summary>The first link under <paramref name="root"/>, as a path relative to it, or null when there is none.</summary>
    public static string? FindFirst(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(entry);
                if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
                    return Path.GetRelativePath(root, entry).Replace('\\', '/');
                if (info.Attributes.HasFlag(FileAttributes.Directory)) pending.Push(entry);
            }
        }
        return null;
    }
}
