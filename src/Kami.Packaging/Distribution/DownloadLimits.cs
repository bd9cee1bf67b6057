namespace Kami.Packaging.Distribution;

/// <summary>Bounds on one download: its size, its total time, and how many redirects it may follow.</summary>
public sealed record DownloadLimits(long MaxBytes, TimeSpan Timeout, int MaxRedirects = 5)
{
    public const long DefaultMaxBytes = 128L << 20;

    public static DownloadLimits Default { get; } = new(DefaultMaxBytes, TimeSpan.FromMinutes(5));

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
