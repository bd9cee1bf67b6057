using Kami.Cli.CommandLine;
using Kami.Core.Errors;
using Kami.Packaging.Distribution;
using Kami.Packaging.Distribution.Oci;
using Kami.Packaging.Install;

namespace Kami.Cli.Installing;

/// <summary>The index and the remote install path a command uses, built from the settings the same way everywhere.</summary>
internal sealed class Distribution(CommandContext context)
{
    private readonly SafeDownloader _downloader = new();

    public DownloadLimits Limits => DownloadLimits.Default with { MaxBytes = (long)context.Settings.MaxDownloadMb << 20 };

    public ToolInstaller Installer => new(context.Registry, context.Registry, context.Settings.Paths, TimeProvider.System);

    public RemoteInstaller Remote => new(Installer, context.Settings.Paths, _downloader, Limits);

    public OciInstaller Oci => new(Installer, context.Settings.Paths, Limits);

    public OciPublisher OciPublisher => new(Limits, TimeProvider.System);

    /// <summary>The index named by --index, else index_url / KAMI_INDEX_URL; says so when an offline copy is used.</summary>
    public async Task<RegistryIndex> LoadIndexAsync(string? flag, bool refresh, CancellationToken cancellation)
    {
        var url = flag ?? context.Settings.IndexUrl
            ?? throw new KamiException(ErrorKind.InvalidInput, "no registry index is configured: set index_url in config.toml (or KAMI_INDEX_URL), or pass --index <url>");
        var (index, notice) = await new IndexClient(context.Settings.Paths, _downloader, TimeProvider.System).LoadAsync(url, refresh, cancellation).ConfigureAwait(false);
        if (notice is not null) context.Output.Warning(notice);
        if (index.Skipped > 0) context.Output.Warning($"the index has {index.Skipped} malformed entries; they were left out");
        return index;
    }
}
