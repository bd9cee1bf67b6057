namespace Kami.Core.Security;

/// <summary>How much of its per-tool data directory a tool may see (none by default).</summary>
public enum FsAccess { None, ReadOnly, Sandbox }

public static class FsAccessNames
{
    public static readonly IReadOnlyList<string> Names = ["none", "read-only", "sandbox"];

    public static bool TryParse(string text, out FsAccess access)
    {
        var index = Names.ToList().IndexOf(text);
        access = index < 0 ? default : (FsAccess)index;
        return index >= 0;
    }

    public static string ToManifestName(this FsAccess access) => Names[(int)access];
}
