namespace Kami.Packaging.Packages;

/// <summary>Bounds on what a plugin.zip may expand to; real tool packages are a few MB.</summary>
public sealed record ZipLimits(int MaxEntries = 1_000, long MaxEntryBytes = 128L << 20, long MaxTotalBytes = 256L << 20, int MaxCompressionRatio = 200)
{
    /// <summary>1,000 entries, 128 MiB per entry, 256 MiB in all, and at most 200:1 compression.</summary>
    public static ZipLimits Default { get; } = new();
}
