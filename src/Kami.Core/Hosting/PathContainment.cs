namespace Kami.Core.Hosting;

/// <summary>
/// The one "is this path inside that directory" check: both made absolute and normalized, and the directory compared
/// with a trailing separator, so <c>/x/tools-evil</c> is not inside <c>/x/tools</c>. Links are not resolved here:
/// callers that must not follow links refuse them first.
/// </summary>
public static class PathContainment
{
    /// <summary>Whether <paramref name="path"/> lies below <paramref name="directory"/> (the directory itself does not count); neither need exist.</summary>
    public static bool IsInside(string directory, string path)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal);
    }
}
