namespace Kami.Core.Security;

/// <summary>How much of its per-tool data directory a tool may see (none by default).</summary>
public enum FsAccess
{
    /// <summary>No file system at all (the default).</summary>
    None,
    /// <summary>The tool may read its data directory (preopened read-only), and nothing outside it.</summary>
    ReadOnly,
    /// <summary>The tool may read and write its data directory, and nothing outside it.</summary>
    Sandbox,
}

/// <summary>The names <c>fs_access</c> takes in <c>tool.toml</c> and on the command line.</summary>
public static class FsAccessNames
{
    /// <summary>Every accepted name, in <see cref="FsAccess"/> order.</summary>
    public static readonly IReadOnlyList<string> Names = ["none", "read-only", "sandbox"];

    /// <summary>Reads a manifest name (exact, lowercase); false for anything else, with <paramref name="access"/> left at <see cref="FsAccess.None"/>.</summary>
    public static bool TryParse(string text, out FsAccess access)
    {
        var index = Names.ToList().IndexOf(text);
        access = index < 0 ? default : (FsAccess)index;
        return index >= 0;
    }

    /// <summary>The name <c>tool.toml</c> uses for this access, such as <c>read-only</c>.</summary>
    public static string ToManifestName(this FsAccess access) => Names[(int)access];
}
