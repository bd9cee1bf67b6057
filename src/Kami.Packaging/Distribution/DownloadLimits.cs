namespace Kami.Packaging.Distribution;

/// <summary>Bounds on one download: its size, its total time, and how many redirects it may follow.</summary>
public sealed record DownloadLimits(long MaxBytes, TimeSpan Timeout, int MaxRedirects = 5)
{
    /// <summary>128 MiB: the default of <c>max_download_mb</c>.</summary>
    public const long DefaultMaxBytes = 128L << 20;

    /// <summary>128 MiB, five minutes in all, five redirects.</summary>
    public static DownloadLimits Default { get; } = new(DefaultMaxBytes, TimeSpan.FromMinutes(5));

    /// <summary>How long a connection may take to open before the download fails.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
